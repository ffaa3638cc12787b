import { dashboardMatcher, parseSelector, SelectorError } from './selector';

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
