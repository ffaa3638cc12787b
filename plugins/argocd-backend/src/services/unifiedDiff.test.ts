import { diffLines, MAX_COMPARED_LINES, unifiedDiff } from './unifiedDiff';

describe('unifiedDiff', () => {
  it('is empty for the same text', () => {
    expect(unifiedDiff('a\nb\n', 'a\nb\n')).toEqual({
      text: '',
      truncated: false,
    });
  });

  it('shows a changed line with three lines of context, as diff -u does', () => {
    const before = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].join('\n');
    const after = ['a', 'b', 'c', 'd', 'E', 'f', 'g', 'h'].join('\n');
    expect(unifiedDiff(before, after).text).toBe(
      ['@@ -2,7 +2,7 @@', ' b', ' c', ' d', '-e', '+E', ' f', ' g', ' h'].join(
        '\n',
      ),
    );
  });

  it('keeps far-apart changes in separate hunks with their line numbers', () => {
    const before = Array.from({ length: 20 }, (_, i) => `line ${i + 1}`);
    const after = [...before];
    after[1] = 'changed 2';
    after.splice(15, 1);
    const { text } = unifiedDiff(before.join('\n'), after.join('\n'));
    const headers = text.split('\n').filter(l => l.startsWith('@@'));
    expect(headers).toEqual(['@@ -1,5 +1,5 @@', '@@ -13,7 +13,6 @@']);
    expect(text).toContain('-line 16');
    expect(text).toContain('+changed 2');
  });

  it('finds the insertion in the middle, not a rewrite of everything after it', () => {
    expect(diffLines(['a', 'b', 'c'], ['a', 'x', 'b', 'c'])).toEqual([
      { op: ' ', text: 'a' },
      { op: '+', text: 'x' },
      { op: ' ', text: 'b' },
      { op: ' ', text: 'c' },
    ]);
  });

  it('stays bounded on huge inputs and cuts the output at its limit', () => {
    const many = (p: string) =>
      Array.from({ length: MAX_COMPARED_LINES + 10 }, (_, i) => `${p}${i}`);
    const started = Date.now();
    const { text, truncated } = unifiedDiff(
      many('a').join('\n'),
      many('b').join('\n'),
      100,
    );
    expect(Date.now() - started).toBeLessThan(2000);
    expect(truncated).toBe(true);
    expect(text.split('\n')).toHaveLength(100);
  });
});
