import { labelSelectorMatcher } from './labelSelector';

describe('labelSelectorMatcher', () => {
  const labels = { app: 'ms-auth', env: 'prod', team: 'video' };

  it.each([
    ['app=ms-auth', true],
    ['app==ms-auth,env=prod', true],
    ['app=ms-auth,env=dev', false],
    ['env!=dev', true],
    ['env!=prod', false],
    ['env in (staging, prod)', true],
    ['env in (dev,qa),app=ms-auth', false],
    ['env notin (dev,qa)', true],
    ['tier notin (web)', true],
    ['team', true],
    ['tier', false],
    ['!tier', true],
    ['!team', false],
  ])('%s → %s', (selector, expected) => {
    expect(labelSelectorMatcher(selector)(labels)).toBe(expected);
  });

  it('treats missing labels as empty', () => {
    expect(labelSelectorMatcher('app')(undefined)).toBe(false);
    expect(labelSelectorMatcher('!app')(undefined)).toBe(true);
  });

  it('rejects keys Kubernetes would reject', () => {
    expect(() => labelSelectorMatcher('a b=c')).toThrow(/invalid label key/);
  });
});
