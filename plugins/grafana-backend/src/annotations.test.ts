import { Entity } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { readPairs, readPanelRefs } from './annotations';

const entity = (annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ms-auth', annotations },
});

describe('readPairs', () => {
  it('reads name=value pairs, trimmed', () => {
    expect(
      readPairs(' service=ms-auth , env = prod,, path=/v1/x:y@z+1 ', 'k'),
    ).toEqual({
      service: 'ms-auth',
      env: 'prod',
      path: '/v1/x:y@z+1',
    });
    expect(readPairs(undefined, 'k')).toEqual({});
    expect(readPairs('empty=, bare', 'k')).toEqual({ empty: '', bare: '' });
  });

  it('refuses what Forja would not send, naming the annotation', () => {
    for (const value of ['1abc=x', 'q=a=b', 'a=b c', 'a="x"', 'a=$(x)']) {
      expect(() => readPairs(value, 'grafana/alert-label-selector')).toThrow(
        InputError,
      );
    }
    expect(() => readPairs('a=b, x y', 'grafana/alert-label-selector')).toThrow(
      'annotation grafana/alert-label-selector must be name=value pairs separated by commas; "x y" is not one Forja sends',
    );
  });
});

describe('readPanelRefs', () => {
  it('reads listed dashboard uid:panel id pairs', () => {
    expect(
      readPanelRefs(
        entity({ 'forja.dev/grafana-panels': 'ms-auth:2, ms_auth-2:11 ,' }),
      ),
    ).toEqual([
      { uid: 'ms-auth', panelId: 2 },
      { uid: 'ms_auth-2', panelId: 11 },
    ]);
  });

  it('takes every panel of the overview dashboard, by URL or uid', () => {
    for (const overview of [
      'https://grafana.example.com/d/ms-auth-overview/ms-auth?orgId=1',
      'https://grafana.example.com/d-solo/ms-auth-overview/?panelId=2',
      'ms-auth-overview',
    ]) {
      expect(
        readPanelRefs(entity({ 'grafana/overview-dashboard': overview })),
      ).toEqual([{ uid: 'ms-auth-overview' }]);
    }
    expect(readPanelRefs(entity({}))).toEqual([]);
  });

  it('prefers the listed panels over the overview dashboard', () => {
    expect(
      readPanelRefs(
        entity({
          'forja.dev/grafana-panels': 'a:1',
          'grafana/overview-dashboard': 'b',
        }),
      ),
    ).toEqual([{ uid: 'a', panelId: 1 }]);
  });

  it('refuses what is not a uid or panel id', () => {
    expect(() =>
      readPanelRefs(entity({ 'forja.dev/grafana-panels': 'ms-auth' })),
    ).toThrow(
      'annotation forja.dev/grafana-panels must list <dashboard uid>:<panel id>; "ms-auth" is not one',
    );
    expect(() =>
      readPanelRefs(
        entity({ 'grafana/overview-dashboard': 'https://x/d/a%20b/../' }),
      ),
    ).toThrow(InputError);
  });
});
