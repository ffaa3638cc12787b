import { execFile } from 'node:child_process';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { mergeText, splitLines } from './mergeText';

const run = promisify(execFile);
const labels = { ours: 'repository', theirs: 'template v2' };

/** What `git merge-file -p` makes of the same three texts (git is the reference here). */
async function gitMergeFile(base: string, ours: string, theirs: string) {
  const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-merge-'));
  const files = ['ours', 'base', 'theirs'].map(f => path.join(dir, f));
  await fs.writeFile(files[0], ours);
  await fs.writeFile(files[1], base);
  await fs.writeFile(files[2], theirs);
  const result = await run('git', [
    'merge-file',
    '-p',
    '-L',
    'repository',
    '-L',
    'base',
    '-L',
    'template v2',
    ...files,
  ]).catch(error => error);
  await fs.rm(dir, { recursive: true });
  return { text: result.stdout as string, conflicts: result.code ?? 0 };
}

const lines = (...l: string[]) => l.map(x => `${x}\n`).join('');

describe('mergeText', () => {
  it('splits lines keeping their endings, the last one without', () => {
    expect(splitLines('a\nb\n')).toEqual(['a\n', 'b\n']);
    expect(splitLines('a\nb')).toEqual(['a\n', 'b']);
    expect(splitLines('')).toEqual([]);
  });

  it('takes changes made on one side, in separate places, from both', () => {
    const base = lines('a', 'b', 'c', 'd', 'e', 'f', 'g');
    const ours = lines('a', 'B (local)', 'c', 'd', 'e', 'f', 'g');
    const theirs = lines('a', 'b', 'c', 'd', 'e', 'F (template)', 'g', 'h');
    expect(mergeText(base, ours, theirs, labels)).toEqual({
      text: lines('a', 'B (local)', 'c', 'd', 'e', 'F (template)', 'g', 'h'),
      conflicts: 0,
    });
  });

  it('marks a region both sides changed differently, as git merge-file does', async () => {
    const base = lines('apiVersion: v1', 'replicas: 1', 'image: x', 'port: 80');
    const ours = lines('apiVersion: v1', 'replicas: 5', 'image: x', 'port: 80');
    const theirs = lines(
      'apiVersion: v2',
      'replicas: 2',
      'image: x',
      'port: 8080',
    );
    const merged = mergeText(base, ours, theirs, labels);
    expect(merged.text).toBe(
      lines(
        '<<<<<<< repository',
        'apiVersion: v1',
        'replicas: 5',
        '=======',
        'apiVersion: v2',
        'replicas: 2',
        '>>>>>>> template v2',
        'image: x',
        'port: 8080',
      ),
    );
    expect(merged.conflicts).toBe(1);
    expect(merged).toEqual(await gitMergeFile(base, ours, theirs));
  });

  it('takes the same change made on both sides once', () => {
    const base = lines('a', 'b', 'c');
    const both = lines('a', 'X', 'c');
    expect(mergeText(base, both, both, labels)).toEqual({
      text: both,
      conflicts: 0,
    });
  });

  it('agrees with git merge-file on generated edits', async () => {
    // A deterministic pseudo-random walk over small files: edits, inserts, deletes.
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    const edit = (text: string, tag: string) => {
      const l = splitLines(text);
      for (let k = 0; k < 1 + random(3); k++) {
        const at = random(l.length + 1);
        const op = random(3);
        if (op === 0) l.splice(at, 1);
        else if (op === 1) l.splice(at, 0, `${tag}${random(100)}\n`);
        else if (at < l.length) l[at] = `${tag}${random(100)}\n`;
      }
      return l.join('');
    };
    for (let n = 0; n < 60; n++) {
      const base = Array.from({ length: 12 }, (_, k) => `line ${k}\n`).join('');
      const ours = edit(base, 'o');
      const theirs = edit(base, 't');
      const ref = await gitMergeFile(base, ours, theirs);
      const merged = mergeText(base, ours, theirs, labels);
      // Without conflicts the result is git's; with conflicts both mark them.
      expect(ref.conflicts === 0 ? merged : merged.conflicts > 0).toEqual(
        ref.conflicts === 0 ? ref : true,
      );
    }
  });

  it('ends a side without a final newline before the marker after it', () => {
    const merged = mergeText('a\nb', 'a\nours', 'a\ntheirs', labels);
    expect(merged.text).toBe(
      lines(
        'a',
        '<<<<<<< repository',
        'ours',
        '=======',
        'theirs',
        '>>>>>>> template v2',
      ),
    );
  });
});
