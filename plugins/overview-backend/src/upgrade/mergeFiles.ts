import { createTwoFilesPatch } from 'diff';
import { TemplateUpgradeFile } from '@forja/plugin-overview-common';
import { MergeLabels, mergeText } from './mergeText';

/** A file as each of the three sides has it; `undefined` where a side has no such file. */
export interface FileSides {
  path: string;
  /** The pristine old render; `known` is false when the repository no longer holds it. */
  base: { known: boolean; content?: string };
  /** The repository's default branch now. */
  ours?: string;
  /** The new render. */
  theirs?: string;
}

/** What the pull request writes for one file: content, or `null` to delete it. */
export interface FileWrite {
  path: string;
  content: string | null;
  /** The file's mode in the repository, kept (an executable stays one); a new file's is 100644. */
  mode?: '100644' | '100755';
}

export interface FileMerge {
  write?: FileWrite;
  summary?: TemplateUpgradeFile;
}

/** Diff previews stop after this many lines per file. */
export const PREVIEW_MAX_LINES = 200;

function preview(path: string, before = '', after = ''): string {
  const patch = createTwoFilesPatch(path, path, before, after, '', '', {
    context: 2,
  })
    .split('\n')
    .slice(2); // the ===== and file header lines: the path is shown already
  return patch.length > PREVIEW_MAX_LINES
    ? [
        ...patch.slice(0, PREVIEW_MAX_LINES),
        `… ${patch.length - PREVIEW_MAX_LINES} more lines`,
      ].join('\n')
    : patch.join('\n');
}

/**
 * One file of an upgrade, decided as a three-way merge: what only the template changed
 * is taken, what only the repository changed is kept, what both changed differently is
 * a conflict, marked in the file (text) or kept as the repository has it and reported
 * (a deletion against a change). Nothing the repository changed is overwritten.
 */
export function mergeFile(sides: FileSides, labels: MergeLabels): FileMerge {
  const { path, base, ours, theirs } = sides;
  // The template did not change it: whatever the repository did stays.
  if (base.known && base.content === theirs) return {};
  // Already as the template now has it.
  if (ours === theirs) return {};
  const summarize = (content: string | null, conflict?: string): FileMerge => {
    let change: TemplateUpgradeFile['change'] = 'modified';
    if (ours === undefined) change = content === null ? 'deleted' : 'added';
    else if (content === null) change = 'deleted';
    return {
      write:
        content === ours || (content === null && ours === undefined)
          ? undefined
          : { path, content },
      summary: {
        path,
        change,
        ...(conflict ? { conflict } : {}),
        diff:
          conflict && content === ours
            ? ''
            : preview(path, ours, content ?? ''),
      },
    };
  };
  if (theirs === undefined) {
    // Deleted by the template.
    if (ours === undefined) return {};
    if (base.known && ours === base.content) return summarize(null);
    return summarize(
      ours,
      'deleted by the template, changed in the repository: kept',
    );
  }
  if (ours === undefined) {
    if (base.known && base.content === undefined) return summarize(theirs);
    return summarize(
      null,
      'changed by the template, deleted in the repository: left deleted',
    );
  }
  const merged = mergeText(
    base.known ? base.content ?? '' : '',
    ours,
    theirs,
    labels,
  );
  return summarize(
    merged.text,
    merged.conflicts
      ? `${merged.conflicts} conflicting region${
          merged.conflicts > 1 ? 's' : ''
        } marked in the file`
      : undefined,
  );
}
