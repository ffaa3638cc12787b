import { GrafanaAlertRule } from '@forja/plugin-grafana-common';
import {
  alertEnvironment,
  AlertsAnswer,
  alertsPart,
  grafanaConfigured,
  grafanaFailures,
} from './alerts';

const REF = 'component:default/ms-auth';

const rule = (
  name: string,
  labels: Record<string, string>,
  state: GrafanaAlertRule['state'] = 'firing',
): GrafanaAlertRule => ({
  name,
  state,
  severity: 'critical',
  summary: `${name} summary`,
  description: 'not shown',
  labels,
  activeAt: '2026-01-01T00:00:00Z',
  firing: 1,
  url: `https://grafana/alerting/${name}`,
});

const answer = (alerts: GrafanaAlertRule[]): AlertsAnswer => ({
  state: 'ok',
  fetchedAt: 'read',
  value: {
    [REF]: {
      entityRef: REF,
      alerts: {
        configured: true,
        host: 'grafana',
        status: 'ok',
        fetchedAt: 'host-read',
        alerts,
      },
    },
  },
});

describe('alertEnvironment', () => {
  it('reads environment, env or forja.dev/environment', () => {
    expect(alertEnvironment(rule('a', { environment: 'dev', env: 'x' }))).toBe(
      'dev',
    );
    expect(alertEnvironment(rule('a', { env: 'prod' }))).toBe('prod');
    expect(
      alertEnvironment(rule('a', { 'forja.dev/environment': 'staging' })),
    ).toBe('staging');
    expect(alertEnvironment(rule('a', {}))).toBeUndefined();
  });
});

describe('alertsPart', () => {
  it('places firing alerts in their environments and keeps the rest on the row', () => {
    const { part, unplaced } = alertsPart(
      answer([
        rule('HighLatency', { env: 'prod' }),
        rule('Quiet', { env: 'prod' }, 'inactive'),
        rule('Anywhere', {}),
      ]),
      REF,
    );
    expect(part('prod')).toEqual({
      state: 'ok',
      fetchedAt: 'host-read',
      value: {
        firing: [
          {
            name: 'HighLatency',
            severity: 'critical',
            summary: 'HighLatency summary',
            activeAt: '2026-01-01T00:00:00Z',
            url: 'https://grafana/alerting/HighLatency',
          },
        ],
      },
    });
    expect(part('dev')).toEqual({
      state: 'ok',
      fetchedAt: 'host-read',
      value: { firing: [] },
    });
    expect(unplaced.map(a => a.name)).toEqual(['Anywhere']);
  });

  it('shows a failed, pending, unconfigured or unanswering source in every environment', () => {
    expect(
      alertsPart({ state: 'failed', message: 'x' }, REF).part('dev'),
    ).toEqual({ state: 'failed', message: 'x' });
    expect(alertsPart({ state: 'pending' }, REF).part('dev')).toEqual({
      state: 'pending',
    });
    expect(
      alertsPart(answer([]), 'component:default/other').part('dev'),
    ).toEqual({ state: 'none' });
    const host = (alerts: object) =>
      alertsPart(
        { state: 'ok', value: { [REF]: { entityRef: REF, ...alerts } } },
        REF,
      );
    expect(
      host({
        alerts: { configured: false, status: 'ok', alerts: [] },
      }).part('dev'),
    ).toEqual({ state: 'not-configured' });
    expect(
      host({
        alerts: {
          configured: true,
          status: 'unavailable',
          message: 'timeout',
          alerts: [],
        },
      }).part('dev'),
    ).toEqual({ state: 'failed', message: 'timeout' });
    const broken = host({ error: 'bad selector' });
    expect(broken.part('dev')).toEqual({
      state: 'failed',
      message: 'bad selector',
    });
    expect(broken.unplaced).toEqual([]);
  });
});

describe('grafanaFailures and grafanaConfigured', () => {
  it('names each configured host that did not answer', () => {
    expect(
      grafanaFailures({
        state: 'ok',
        value: {
          a: {
            entityRef: 'a',
            alerts: {
              configured: true,
              host: 'eu',
              status: 'credentials-rejected',
              alerts: [],
            },
          },
          b: {
            entityRef: 'b',
            alerts: { configured: false, status: 'unavailable', alerts: [] },
          },
          c: { entityRef: 'c', error: 'bad selector' },
        },
      }),
    ).toEqual(['eu: credentials-rejected']);
  });

  it('is unconfigured only when a bulk answer says so', () => {
    expect(grafanaConfigured(answer([]))).toBe(true);
    expect(
      grafanaConfigured({
        state: 'ok',
        value: {
          a: {
            entityRef: 'a',
            alerts: { configured: false, status: 'ok', alerts: [] },
          },
        },
      }),
    ).toBe(false);
  });
});
