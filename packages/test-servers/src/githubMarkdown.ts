import { Marked, Tokens } from 'marked';
import { escapeHtml } from './html';

/**
 * The HTML tags GitHub keeps in Markdown it renders (a subset of its sanitization
 * allowlist, without attributes except `open` on `details`); any other HTML is shown as
 * text, as GitHub strips scripts, styles and event handlers.
 */
const ALLOWED = new Set([
  'b',
  'br',
  'code',
  'details',
  'em',
  'i',
  'kbd',
  'p',
  'pre',
  'strong',
  'sub',
  'summary',
  'sup',
]);
const TAG = /^<(\/?)([a-z][a-z0-9]*)(\s+open)?\s*\/?>$/i;

function sanitize(html: string): string {
  return html.replace(/<!--[\s\S]*?-->|<[^>]*>|[^<]+/g, part => {
    if (part.startsWith('<!--')) return '';
    if (!part.startsWith('<')) return part;
    const tag = TAG.exec(part);
    if (!tag || !ALLOWED.has(tag[2].toLowerCase())) return escapeHtml(part);
    const open = tag[3] && tag[2].toLowerCase() === 'details' ? ' open' : '';
    return `<${tag[1]}${tag[2].toLowerCase()}${open}>`;
  });
}

const markdown = new Marked({
  gfm: true,
  renderer: {
    html: (token: Tokens.HTML | Tokens.Tag) => sanitize(token.text),
    // Only web links stay links (GitHub drops javascript: and other schemes).
    link(token: Tokens.Link) {
      const text = this.parser.parseInline(token.tokens);
      return /^(https?:\/\/|\/|#)/i.test(token.href)
        ? `<a href="${escapeHtml(token.href)}" rel="nofollow">${text}</a>`
        : text;
    },
  },
});

/** A comment's Markdown as GitHub shows it: GFM (tables, `details`), HTML sanitized. */
export function renderGitHubMarkdown(text: string): string {
  return markdown.parse(text, { async: false }) as string;
}
