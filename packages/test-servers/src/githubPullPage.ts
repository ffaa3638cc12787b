import { renderGitHubMarkdown } from './githubMarkdown';
import { escapeHtml } from './html';

/** What a pull request page shows: GitHub's title, state, branches, body and changed files. */
export interface PullPage {
  repository: string;
  number: number;
  title: string;
  body: string;
  head: string;
  base: string;
  state: 'open' | 'closed';
  merged: boolean;
  /** `git diff --name-status` lines: a status letter, a tab, a path. */
  files: string[];
  /** The conversation: comments, oldest first, their Markdown rendered as GitHub does. */
  comments?: Array<{
    id: number;
    user: string;
    createdAt: string;
    body: string;
  }>;
}

const STATUS = { A: 'added', M: 'modified', D: 'removed' } as Record<
  string,
  string
>;

/** A plain HTML page for a pull request, enough for a person following a link to it. */
export function pullPageHtml(page: PullPage): string {
  let state = page.state === 'open' ? 'Open' : 'Closed';
  if (page.merged) state = 'Merged';
  const files = page.files
    .map(line => {
      const [status, file] = line.split('\t');
      return `<li>${escapeHtml(file ?? '')} <small>${
        STATUS[status?.[0] ?? ''] ?? escapeHtml(status ?? '')
      }</small></li>`;
    })
    .join('\n');
  const comments = (page.comments ?? [])
    .map(
      c => `<article id="issuecomment-${
        c.id
      }" aria-label="Comment by ${escapeHtml(c.user)}">
<p><strong>${escapeHtml(
        c.user,
      )}</strong> commented <time datetime="${escapeHtml(
        c.createdAt,
      )}">${escapeHtml(c.createdAt)}</time></p>
<div class="comment-body">${renderGitHubMarkdown(c.body)}</div>
</article>`,
    )
    .join('\n');
  return `<!DOCTYPE html>
<html><head><title>${escapeHtml(page.title)} · Pull Request #${
    page.number
  } · ${escapeHtml(page.repository)}</title></head><body>
<h1>${escapeHtml(page.title)} <span>#${page.number}</span></h1>
<p><strong data-testid="pull-state">${state}</strong> ${escapeHtml(
    page.head,
  )} → ${escapeHtml(page.base)} in ${escapeHtml(page.repository)}</p>
<pre>${escapeHtml(page.body)}</pre>
<section aria-label="Conversation">
${comments}
</section>
<h2>Files changed (${page.files.length})</h2>
<ul aria-label="Files changed">
${files}
</ul></body></html>`;
}
