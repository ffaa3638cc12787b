import { InputError, NotAllowedError } from '@backstage/errors';
import {
  DefaultGithubCredentialsProvider,
  ScmIntegrations,
} from '@backstage/integration';
import { Octokit } from '@octokit/rest';
import { boundedFetch, unwrapUnavailable } from '../githubFetch';

/** The most bytes an upgrade reads from one repository, blobs together. */
export const UPGRADE_MAX_READ_BYTES = 32 * 1024 * 1024;
/** The largest file an upgrade merges; larger ones are reported, never read. */
export const UPGRADE_MAX_FILE_BYTES = 1024 * 1024;

export interface TreeFile {
  sha: string;
  size: number;
  /** Git's file mode: '100644', or '100755' for an executable. */
  mode: string;
}

export interface GithubRepository {
  octokit: Octokit;
  owner: string;
  repo: string;
  defaultBranch: string;
  /** The default branch's head commit and its tree, read once. */
  headSha: string;
  headTree: string;
  /** The files of the default branch under `folder` ('.' for all), relative to it. */
  files(folder: string): Promise<Map<string, TreeFile>>;
  /** A blob's text, or undefined when the repository does not hold it. */
  blob(sha: string): Promise<string | undefined>;
}

/**
 * The repository an upgrade reads and writes, through the configured GitHub integration
 * of its host only: every call bounded in time and size, blobs read at most once and in
 * total at most `UPGRADE_MAX_READ_BYTES`.
 */
export async function openGithubRepository(options: {
  integrations: ScmIntegrations;
  credentials: DefaultGithubCredentialsProvider;
  host: string;
  owner: string;
  repo: string;
  timeoutMs: number;
  maxResponseBytes: number;
}): Promise<GithubRepository> {
  const { host, owner, repo } = options;
  const integration = options.integrations.github.byHost(host);
  if (!integration)
    throw new InputError(`no GitHub integration is configured for ${host}`);
  const { token } = await options.credentials.getCredentials({
    url: `https://${host}/${owner}/${repo}`,
  });
  const octokit = new Octokit({
    baseUrl: integration.config.apiBaseUrl,
    auth: token,
    request: {
      fetch: boundedFetch({
        upstream: `GitHub (${host})`,
        timeoutMs: options.timeoutMs,
        maxBytes: options.maxResponseBytes,
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
  const { data: repository } = await octokit.rest.repos.get({ owner, repo });
  const defaultBranch = repository.default_branch;
  const { data: head } = await octokit.rest.repos.listCommits({
    owner,
    repo,
    sha: defaultBranch,
    per_page: 1,
  });
  const headSha = head[0].sha;
  const headTree = head[0].commit.tree.sha;

  let read = 0;
  const blobs = new Map<string, Promise<string | undefined>>();
  /** A blob's text, or undefined when the repository does not hold it (404). */
  const blob = (sha: string): Promise<string | undefined> => {
    if (!blobs.has(sha)) {
      blobs.set(
        sha,
        octokit.rest.git
          .getBlob({ owner, repo, file_sha: sha })
          .then(({ data }) => {
            read += data.size ?? 0;
            if (read > UPGRADE_MAX_READ_BYTES)
              throw new NotAllowedError(
                `${owner}/${repo}: an upgrade reads at most ${
                  UPGRADE_MAX_READ_BYTES / 1024 / 1024
                } MiB`,
              );
            return Buffer.from(
              data.content,
              data.encoding === 'base64' ? 'base64' : 'utf8',
            ).toString('utf8');
          })
          .catch(error => {
            if ((error as { status?: number }).status === 404) return undefined;
            throw error;
          }),
      );
    }
    return blobs.get(sha)!;
  };

  /** The files of the default branch under `folder` ('.' for all), relative to it. */
  async function files(folder: string): Promise<Map<string, TreeFile>> {
    const { data } = await octokit.rest.git.getTree({
      owner,
      repo,
      tree_sha: headTree,
      recursive: 'true',
    });
    if (data.truncated)
      throw new NotAllowedError(
        `${owner}/${repo} has more files than GitHub lists in one tree: upgrade it by hand`,
      );
    const prefix = folder === '.' ? '' : `${folder}/`;
    const result = new Map<string, TreeFile>();
    for (const entry of data.tree) {
      if (entry.type !== 'blob' || !entry.path?.startsWith(prefix)) continue;
      result.set(entry.path.slice(prefix.length), {
        sha: entry.sha!,
        size: entry.size ?? 0,
        mode: entry.mode ?? '100644',
      });
    }
    return result;
  }

  return {
    octokit,
    owner,
    repo,
    defaultBranch,
    headSha,
    headTree,
    files,
    blob,
  };
}
