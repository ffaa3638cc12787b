import {
  labelSelectorMatcher,
  labelSelectorRequiredValues,
} from './labelSelector';

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

describe('labelSelectorRequiredValues', () => {
  const required = (selector: string) =>
    Object.fromEntries(
      [...labelSelectorRequiredValues(selector)].map(([k, v]) => [k, [...v]]),
    );

  it('lists the values equality and set terms require, and nothing for the others', () => {
    expect(required('app=ms-auth,env in (staging, prod)')).toEqual({
      app: ['ms-auth'],
      env: ['staging', 'prod'],
    });
    expect(required('app==ms-auth')).toEqual({ app: ['ms-auth'] });
    expect(required('env!=dev,tier notin (web),team,!legacy')).toEqual({});
  });

  it('narrows a key named twice to the values both allow', () => {
    expect(required('env in (dev,prod),env=prod')).toEqual({ env: ['prod'] });
    expect(required('env=dev,env=prod')).toEqual({ env: [] });
  });

  it('rejects what the matcher rejects', () => {
    expect(() => labelSelectorRequiredValues('a b=c')).toThrow(
      /invalid label key/,
    );
  });
});
