/** Longest text of a pull request (an address, a reason) shown in a comment. */
const MAX_TEXT = 300;

const truncate = (text: string) =>
  text.length > MAX_TEXT ? `${text.slice(0, MAX_TEXT - 1)}…` : text;

/**
 * Text from a pull request (resource addresses, for_each keys, file names, messages) as
 * inert Markdown: HTML-escaped, one line, no table pipes, no emphasis, links or mentions.
 */
export function markdownText(text: string): string {
  return truncate(text.replace(/\s+/g, ' '))
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[|\\`*_[\]()!#@~]/g, c => `&#${c.charCodeAt(0)};`);
}

/** The same as code: `<code>` keeps it monospace without a backtick to break out of. */
export const markdownCode = (text: string) =>
  `<code>${markdownText(text)}</code>`;
