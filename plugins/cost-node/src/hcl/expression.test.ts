import {
  MAX_CACHED_EXPRESSION_LENGTH,
  PARSED_EXPRESSIONS,
  parseExpression,
} from './expression';

describe('parseExpression cache', () => {
  it(`holds at most ${PARSED_EXPRESSIONS} expressions, forgetting the oldest`, () => {
    const first = parseExpression('var.n + 0');
    for (let i = 1; i < PARSED_EXPRESSIONS * 2; i++)
      parseExpression(`var.n + ${i}`);
    const last = `var.n + ${PARSED_EXPRESSIONS * 2 - 1}`;
    expect(parseExpression(last)).toBe(parseExpression(last));
    // The oldest was forgotten: parsed again, to the same tree.
    const again = parseExpression('var.n + 0');
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });

  it('does not hold long expressions, which would make the bound one of bytes', () => {
    const long = `[${Array.from(
      { length: MAX_CACHED_EXPRESSION_LENGTH },
      (_, i) => `"${i}"`,
    ).join(', ')}]`;
    expect(long.length).toBeGreaterThan(MAX_CACHED_EXPRESSION_LENGTH);
    const tree = parseExpression(long);
    expect(parseExpression(long)).not.toBe(tree);
    expect(parseExpression(long)).toEqual(tree);
  });
});
