import { diffArrays } from 'diff';

/** The labels of the two sides in conflict markers, as `git merge-file -L` takes them. */
export interface MergeLabels {
  ours: string;
  theirs: string;
}

export interface MergedText {
  text: string;
  /** How many regions both sides changed differently (each marked in `text`). */
  conflicts: number;
}

/** Lines with their line endings, so that joining them gives the text back byte for byte. */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

/** A region of `base` (`[baseStart, baseEnd)`) one side replaced by `[sideStart, sideEnd)`. */
interface Hunk {
  side: 'ours' | 'theirs';
  baseStart: number;
  baseEnd: number;
  sideStart: number;
  sideEnd: number;
}

function hunks(base: string[], side: string[], which: Hunk['side']): Hunk[] {
  const result: Hunk[] = [];
  let b = 0;
  let s = 0;
  let open: Hunk | undefined;
  for (const change of diffArrays(base, side)) {
    const n = change.count ?? change.value.length;
    if (!change.added && !change.removed) {
      if (open) result.push(open);
      open = undefined;
      b += n;
      s += n;
      continue;
    }
    open ??= {
      side: which,
      baseStart: b,
      baseEnd: b,
      sideStart: s,
      sideEnd: s,
    };
    if (change.removed) b += n;
    else s += n;
    open.baseEnd = b;
    open.sideEnd = s;
  }
  if (open) result.push(open);
  return result;
}

const sameLines = (a: string[], b: string[]) =>
  a.length === b.length && a.every((line, i) => line === b[i]);

const withNewline = (lines: string[]) =>
  lines.length && !lines[lines.length - 1].endsWith('\n')
    ? [...lines.slice(0, -1), `${lines[lines.length - 1]}\n`]
    : lines;

/**
 * A three-way merge of text with diff3's rules: a region only one side changed takes
 * that side; a region both changed the same way takes it once; a region both changed
 * differently (overlapping or touching) becomes a conflict, marked as `git merge-file`
 * marks it:
 *
 * ```
 * <<<<<<< repository
 * (ours)
 * =======
 * (theirs)
 * >>>>>>> template v2
 * ```
 */
export function mergeText(
  base: string,
  ours: string,
  theirs: string,
  labels: MergeLabels,
): MergedText {
  const o = splitLines(base);
  const a = splitLines(ours);
  const b = splitLines(theirs);
  const all = [...hunks(o, a, 'ours'), ...hunks(o, b, 'theirs')].sort(
    (x, y) => x.baseStart - y.baseStart || x.baseEnd - y.baseEnd,
  );
  const out: string[] = [];
  let conflicts = 0;
  let copied = 0; // base lines before this are already in `out`
  let i = 0;
  while (i < all.length) {
    // A group: hunks whose base regions overlap or touch.
    const group = [all[i]];
    let lo = all[i].baseStart;
    let hi = all[i].baseEnd;
    for (i++; i < all.length && all[i].baseStart <= hi; i++) {
      group.push(all[i]);
      hi = Math.max(hi, all[i].baseEnd);
    }
    lo = Math.min(lo, ...group.map(h => h.baseStart));
    out.push(...o.slice(copied, lo));
    copied = hi;
    /** The side's lines for base [lo, hi): its hunks plus the unchanged base around them. */
    const sideLines = (side: Hunk['side'], lines: string[]) => {
      const mine = group.filter(h => h.side === side);
      if (!mine.length) return o.slice(lo, hi);
      const first = mine[0];
      const last = mine[mine.length - 1];
      return lines.slice(
        first.sideStart - (first.baseStart - lo),
        last.sideEnd + (hi - last.baseEnd),
      );
    };
    const oursLines = sideLines('ours', a);
    const theirsLines = sideLines('theirs', b);
    const oursChanged = group.some(h => h.side === 'ours');
    const theirsChanged = group.some(h => h.side === 'theirs');
    if (!theirsChanged || sameLines(oursLines, theirsLines)) {
      out.push(...oursLines);
    } else if (!oursChanged) {
      out.push(...theirsLines);
    } else {
      conflicts++;
      out.push(
        `<<<<<<< ${labels.ours}\n`,
        ...withNewline(oursLines),
        '=======\n',
        ...withNewline(theirsLines),
        `>>>>>>> ${labels.theirs}\n`,
      );
    }
  }
  out.push(...o.slice(copied));
  return { text: out.join(''), conflicts };
}
