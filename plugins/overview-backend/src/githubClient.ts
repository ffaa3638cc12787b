import { InputError } from '@backstage/errors';
import { Octokit } from '@octokit/rest';
import { boundedFetch, unwrapUnavailable } from './githubFetch';

/**
 * An Octokit for one GitHub host: every call bounded in time and size (boundedFetch), a
 * GitHub that does not answer is a ServiceUnavailableError naming the host.
 */
export function createGitHubClient(options: {
  host: string;
  apiBaseUrl?: string;
  token?: string;
  timeoutMs: number;
  maxBytes: number;
}): Octokit {
  const octokit = new Octokit({
    baseUrl: options.apiBaseUrl,
    auth: options.token,
    request: {
      fetch: boundedFetch({
        upstream: `GitHub (${options.host})`,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxBytes,
      }),
    },
  });
  octokit.hook.wrap('request', async (request, requestOptions) => {
    try {
      return await request(requestOptions);
    } catch (error) {
      throw unwrapUnavailable(error);
    }
  });
  return octokit;
}

/** A file's text at `ref` (contents API); undefined when GitHub answers 404. */
export async function readFile(
  octokit: Octokit,
  options: { owner: string; repo: string; path: string; ref: string },
): Promise<string | undefined> {
  try {
    const { data } = await octokit.rest.repos.getContent(options);
    if (Array.isArray(data) || data.type !== 'file')
      throw new InputError(`${options.path} is not a file`);
    return Buffer.from(
      (data as { content: string }).content,
      'base64',
    ).toString('utf8');
  } catch (error) {
    if ((error as { status?: number }).status === 404) return undefined;
    throw error;
  }
}

/**
 * One commit writing one file on a new branch off `base`'s head, and its pull request
 * into `base`. An open pull request from `branch` is returned as it is, nothing written.
 */
export async function openOneFilePullRequest(
  octokit: Octokit,
  options: {
    owner: string;
    repo: string;
    base: string;
    branch: string;
    file: string;
    content: string;
    message: string;
    body: string;
  },
): Promise<{ pullRequestUrl: string; created: boolean }> {
  const { owner, repo, base, branch } = options;
  const { data: open } = await octokit.rest.pulls.list({
    owner,
    repo,
    state: 'open',
    head: `${owner}:${branch}`,
  });
  if (open.length) return { pullRequestUrl: open[0].html_url, created: false };

  const { data: head } = await octokit.rest.repos.listCommits({
    owner,
    repo,
    sha: base,
    per_page: 1,
  });
  const { data: tree } = await octokit.rest.git.createTree({
    owner,
    repo,
    base_tree: head[0].commit.tree.sha,
    tree: [
      {
        path: options.file,
        mode: '100644',
        type: 'blob',
        content: options.content,
      },
    ],
  });
  const { data: commit } = await octokit.rest.git.createCommit({
    owner,
    repo,
    message: options.message,
    tree: tree.sha,
    parents: [head[0].sha],
  });
  await octokit.rest.git.createRef({
    owner,
    repo,
    ref: `refs/heads/${branch}`,
    sha: commit.sha,
  });
  const { data: pull } = await octokit.rest.pulls.create({
    owner,
    repo,
    head: branch,
    base,
    title: options.message,
    body: options.body,
  });
  return { pullRequestUrl: pull.html_url, created: true };
}
