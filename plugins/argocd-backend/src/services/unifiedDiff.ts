/** Lines of context around each change, as `diff -u` shows. */
export const CONTEXT_LINES = 3;
/** Differing lines (after the common start and end) compared line by line at most. */
export const MAX_COMPARED_LINES = 2000;

export type DiffLine = { op: ' ' | '-' | '+'; text: string };

/**
 * The lines of `before` and `after` as a longest-common-subsequence edit script. The
 * common start and end are skipped first; a middle longer than MAX_COMPARED_LINES on
 * either side is shown as all removed then all added (bounded time and memory).
 */
export function diffLines(before: string[], after: string[]): DiffLine[] {
  let start = 0;
  while (
    start < before.length &&
    start < after.length &&
    before[start] === after[start]
  )
    start++;
  let endA = before.length;
  let endB = after.length;
  while (endA > start && endB > start && before[endA - 1] === after[endB - 1]) {
    endA--;
    endB--;
  }
  const a = before.slice(start, endA);
  const b = after.slice(start, endB);
  const middle: DiffLine[] = [];
  if (a.length > MAX_COMPARED_LINES || b.length > MAX_COMPARED_LINES) {
    middle.push(
      ...a.map(text => ({ op: '-' as const, text })),
      ...b.map(text => ({ op: '+' as const, text })),
    );
  } else {
    // lcs[i][j]: the longest common subsequence of a[i..] and b[j..].
    const width = b.length + 1;
    const lcs = new Uint16Array((a.length + 1) * width);
    for (let i = a.length - 1; i >= 0; i--)
      for (let j = b.length - 1; j >= 0; j--)
        lcs[i * width + j] =
          a[i] === b[j]
            ? lcs[(i + 1) * width + j + 1] + 1
            : Math.max(lcs[(i + 1) * width + j], lcs[i * width + j + 1]);
    let i = 0;
    let j = 0;
    while (i < a.length || j < b.length) {
      if (i < a.length && j < b.length && a[i] === b[j]) {
        middle.push({ op: ' ', text: a[i] });
        i++;
        j++;
      } else if (
        i < a.length &&
        (j === b.length || lcs[(i + 1) * width + j] >= lcs[i * width + j + 1])
      ) {
        // Removals before additions, as diff -u shows a changed line.
        middle.push({ op: '-', text: a[i++] });
      } else {
        middle.push({ op: '+', text: b[j++] });
      }
    }
  }
  return [
    ...before.slice(0, start).map(text => ({ op: ' ' as const, text })),
    ...middle,
    ...before.slice(endA).map(text => ({ op: ' ' as const, text })),
  ];
}

/**
 * A unified diff (`@@ -a,b +c,d @@` hunks with CONTEXT_LINES of context) of two texts;
 * empty when they are the same. At most `maxLines` lines; `truncated` says when cut.
 */
export function unifiedDiff(
  before: string,
  after: string,
  maxLines = 1000,
): { text: string; truncated: boolean } {
  const split = (s: string) =>
    s === '' ? [] : s.replace(/\n$/, '').split('\n');
  const lines = diffLines(split(before), split(after));
  const changed = lines.flatMap((l, i) => (l.op === ' ' ? [] : [i]));
  if (!changed.length) return { text: '', truncated: false };
  // Hunks: changed lines with their context, merged when their contexts touch.
  const ranges: Array<[number, number]> = [];
  for (const i of changed) {
    const from = Math.max(0, i - CONTEXT_LINES);
    const to = Math.min(lines.length, i + CONTEXT_LINES + 1);
    const last = ranges[ranges.length - 1];
    if (last && from <= last[1]) last[1] = Math.max(last[1], to);
    else ranges.push([from, to]);
  }
  // Line numbers in each side before each index.
  const oldAt: number[] = [];
  const newAt: number[] = [];
  let o = 0;
  let n = 0;
  for (const line of lines) {
    oldAt.push(o);
    newAt.push(n);
    if (line.op !== '+') o++;
    if (line.op !== '-') n++;
  }
  const out: string[] = [];
  for (const [from, to] of ranges) {
    const hunk = lines.slice(from, to);
    const oldCount = hunk.filter(l => l.op !== '+').length;
    const newCount = hunk.filter(l => l.op !== '-').length;
    out.push(
      `@@ -${oldAt[from] + (oldCount ? 1 : 0)},${oldCount} +${
        newAt[from] + (newCount ? 1 : 0)
      },${newCount} @@`,
      ...hunk.map(l => `${l.op}${l.text}`),
    );
  }
  const truncated = out.length > maxLines;
  return { text: out.slice(0, maxLines).join('\n'), truncated };
}
