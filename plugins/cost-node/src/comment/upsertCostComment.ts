import { Octokit } from '@octokit/rest';
import { COST_COMMENT_MARKER } from '../format/diffMarkdown';

/** GitHub's limit on a comment body, in characters. */
export const MAX_COMMENT_CHARS = 65_536;
/** How long one GitHub API request may take. */
export const COMMENT_REQUEST_TIMEOUT_MS = 30_000;
/** Comments read looking for the previous one: 30 pages of 100. */
const MAX_COMMENT_PAGES = 30;

export interface UpsertCostCommentOptions {
  /** `GITHUB_API_URL` in Actions: `https://api.github.com` or a GitHub Enterprise `/api/v3`. */
  apiUrl: string;
  token: string;
  owner: string;
  repo: string;
  pull: number;
  body: string;
  timeoutMs?: number;
}

/** Puts the marker first and keeps the body within GitHub's limit. */
export function commentBody(body: string): string {
  const marked = body.startsWith(COST_COMMENT_MARKER)
    ? body
    : `${COST_COMMENT_MARKER}\n${body}`;
  if (marked.length <= MAX_COMMENT_CHARS) return marked;
  const note =
    '\n\n… (cut to fit a GitHub comment; the JSON output has everything)\n';
  return marked.slice(0, MAX_COMMENT_CHARS - note.length) + note;
}

/**
 * Creates the pull request's cost comment, or updates the one an earlier run left (the
 * newest comment starting with the marker), so a pull request carries one cost comment
 * however often it is pushed to. Every request has a time limit.
 */
export async function upsertCostComment(
  options: UpsertCostCommentOptions,
): Promise<{ action: 'created' | 'updated'; id: number; url: string }> {
  const timeoutMs = options.timeoutMs ?? COMMENT_REQUEST_TIMEOUT_MS;
  const octokit = new Octokit({
    baseUrl: options.apiUrl.replace(/\/$/, ''),
    auth: options.token,
    request: {
      fetch: (url: string, init: RequestInit) =>
        fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) }),
    },
  });
  const { owner, repo } = options;
  const body = commentBody(options.body);
  let previous: { id: number } | undefined;
  for (let page = 1; page <= MAX_COMMENT_PAGES; page++) {
    const { data } = await octokit.rest.issues.listComments({
      owner,
      repo,
      issue_number: options.pull,
      per_page: 100,
      page,
    });
    for (const comment of data) {
      if (comment.body?.startsWith(COST_COMMENT_MARKER)) previous = comment;
    }
    if (data.length < 100) break;
  }
  if (previous) {
    const { data } = await octokit.rest.issues.updateComment({
      owner,
      repo,
      comment_id: previous.id,
      body,
    });
    return { action: 'updated', id: data.id, url: data.html_url };
  }
  const { data } = await octokit.rest.issues.createComment({
    owner,
    repo,
    issue_number: options.pull,
    body,
  });
  return { action: 'created', id: data.id, url: data.html_url };
}
