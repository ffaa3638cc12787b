import {
  dashboardMatcher,
  PARSED_SELECTORS,
  parseSelector,
  SelectorError,
} from './selector';

const dashboard = {
  title: 'ms-auth overview',
  tags: ['ms-auth', 'video', 'generated'],
  url: '/d/abc/ms-auth-overview',
  folderTitle: 'Video',
};

describe('dashboard selector', () => {
  it.each([
    ["tags @> 'ms-auth'", true],
    ["tags @> 'orders'", false],
    ["(tags @> 'orders' || tags @> 'ms-auth') && tags @> 'generated'", true],
    ["tags @> 'ms-auth' && !(folderTitle == 'Video')", false],
    ["title == 'ms-auth overview' && url != '/d/other'", true],
    ['folderTitle == "Video"', true],
    ["tags @> 'video' || title == 'x' && tags @> 'nope'", true],
    ["!(tags @> 'ms-auth')", false],
  ])('%s -> %s', (selector, expected) => {
    expect(dashboardMatcher({ selector })(dashboard)).toBe(expected);
  });

  it('keeps the older tag selector', () => {
    expect(dashboardMatcher({ tag: 'video' })(dashboard)).toBe(true);
    expect(dashboardMatcher({ tag: 'orders' })(dashboard)).toBe(false);
  });

  it.each([
    ["tags @> 'a' &&", /ends too early/],
    ["owner == 'me'", /unknown identifier "owner" at 0/],
    ["tags @> 'a", /unterminated string at 8/],
    ["(tags @> 'a'", /missing "\)"/],
    ["tags; drop @> 'a'", /unexpected ";" at 4/],
    ["title @> 'a'", /@> needs an array/],
    ["!tags @> 'a'", /@> needs an array/],
  ])('rejects %s', (selector, message) => {
    expect(() => dashboardMatcher({ selector })(dashboard)).toThrow(message);
  });

  it('refuses a selector longer than 1000 characters', () => {
    expect(() => parseSelector(`tags @> '${'a'.repeat(1000)}'`)).toThrow(
      SelectorError,
    );
  });
});

describe('parseSelector cache', () => {
  it(`holds at most ${PARSED_SELECTORS} selectors, forgetting the least recently used`, () => {
    const hot = parseSelector("tags @> 'hot'");
    const first = parseSelector("tags @> 'cold-0'");
    const hotReads = [];
    for (let i = 1; i < PARSED_SELECTORS * 2; i++) {
      parseSelector(`tags @> 'cold-${i}'`);
      if (i % 100 === 0) hotReads.push(parseSelector("tags @> 'hot'"));
    }
    expect(hotReads.every(read => read === hot)).toBe(true);
    // The one used all along and the newest are still parsed once; the oldest is parsed again.
    expect(parseSelector("tags @> 'hot'")).toBe(hot);
    const last = `tags @> 'cold-${PARSED_SELECTORS * 2 - 1}'`;
    expect(parseSelector(last)).toBe(parseSelector(last));
    const again = parseSelector("tags @> 'cold-0'");
    expect(again).not.toBe(first);
    expect(again).toEqual(first);
  });
});
