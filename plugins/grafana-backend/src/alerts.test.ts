import { FakeGrafana, startFakeGrafana } from '@forja/test-servers';
import {
  TEST_TOKEN,
  testCache,
  testClient,
} from './__testUtils__/grafanaClient';
import { SwrCache } from '@forja/plugin-forja-node';
import { alertState, matchAlerts, readAlerts } from './alerts';
import { GrafanaClient, RuleJson, RulesJson } from './client';

describe('alertState', () => {
  it('is the alerting state, else the health trouble, else inactive', () => {
    expect(alertState({ state: 'firing', health: 'error' })).toBe('firing');
    expect(alertState({ state: 'pending' })).toBe('pending');
    expect(alertState({ state: 'recovering' })).toBe('recovering');
    expect(alertState({ state: 'inactive', health: 'nodata' })).toBe('nodata');
    expect(alertState({ state: 'inactive', health: 'error' })).toBe('error');
    expect(alertState({ state: 'normal', health: 'ok' })).toBe('inactive');
    expect(alertState({})).toBe('inactive');
  });
});

describe('matchAlerts', () => {
  const groups: Parameters<typeof matchAlerts>[0] = [
    {
      name: 'ms-auth',
      file: 'Video',
      rules: [
        {
          name: 'B quiet',
          state: 'inactive',
          labels: { service: 'ms-auth', env: 'prod' },
        },
        {
          name: 'A quiet',
          state: 'inactive',
          labels: { service: 'ms-auth', env: 'prod' },
        },
        {
          name: 'Errors',
          state: 'firing',
          labels: { service: 'ms-auth', env: 'prod', severity: 'critical' },
          annotations: {
            summary: 'Too many errors',
            runbook_url: 'https://runbooks.example.com/errors',
          },
          alerts: [
            { state: 'Alerting', activeAt: '2026-12-05T10:00:00Z' },
            { state: 'firing', activeAt: '2026-12-05T09:00:00Z' },
            { state: 'Pending', activeAt: '2026-12-05T11:00:00Z' },
          ],
        },
        { name: 'Other', state: 'firing', labels: { service: 'other' } },
        { name: 'No labels', state: 'firing' },
      ],
    },
    { name: 'empty', file: 'Video' },
  ];

  it('keeps rules holding every label pair, what needs attention first', () => {
    const alerts = matchAlerts(
      groups,
      { service: 'ms-auth', env: 'prod' },
      'https://grafana.example.com',
    );
    expect(alerts.map(a => [a.name, a.state])).toEqual([
      ['Errors', 'firing'],
      ['A quiet', 'inactive'],
      ['B quiet', 'inactive'],
    ]);
    expect(alerts[0]).toEqual({
      name: 'Errors',
      state: 'firing',
      severity: 'critical',
      summary: 'Too many errors',
      description: undefined,
      runbookUrl: 'https://runbooks.example.com/errors',
      labels: { service: 'ms-auth', env: 'prod', severity: 'critical' },
      folder: 'Video',
      group: 'ms-auth',
      activeAt: '2026-12-05T09:00:00Z',
      firing: 2,
      url: 'https://grafana.example.com/alerting/list?search=Errors',
    });
  });

  it('keeps every rule for an empty selector', () => {
    expect(matchAlerts(groups, {}, '')).toHaveLength(5);
  });
});

describe('readAlerts', () => {
  let grafana: FakeGrafana;

  beforeEach(async () => {
    grafana = await startFakeGrafana({
      token: TEST_TOKEN,
      dashboards: [],
      rules: [
        {
          name: 'AuthErrorsHigh',
          group: 'ms-auth',
          folder: 'Video',
          state: 'firing',
          labels: { service: 'ms-auth' },
        },
        {
          name: 'PlayerDown',
          group: 'player',
          folder: 'Video',
          state: 'firing',
          labels: { service: 'player' },
        },
      ],
      datasourceRules: {
        'prom-main': [
          {
            name: 'AuthPodsRestarting',
            group: 'kube',
            folder: 'kube-prometheus',
            state: 'pending',
            labels: { service: 'ms-auth' },
          },
        ],
      },
    });
  });

  afterEach(() => grafana.close());

  it('reads every ruler once per host, for every entity', async () => {
    const client = testClient(grafana.url, {
      alertRulers: ['grafana', 'prom-main'],
    });
    const cache = testCache();
    const auth = await readAlerts(client, cache, { service: 'ms-auth' });
    expect(auth.alerts.map(a => [a.name, a.state, a.firing, a.folder])).toEqual(
      [
        ['AuthErrorsHigh', 'firing', 1, 'Video'],
        ['AuthPodsRestarting', 'pending', 0, 'kube-prometheus'],
      ],
    );
    expect(auth.fetchedAt).toEqual(expect.any(String));
    const player = await readAlerts(client, cache, { service: 'player' });
    expect(player.alerts.map(a => a.name)).toEqual(['PlayerDown']);
    expect(grafana.requests.filter(r => r.includes('/rules')).sort()).toEqual([
      'GET /api/prometheus/grafana/api/v1/rules',
      'GET /api/prometheus/prom-main/api/v1/rules',
    ]);
  });
});

describe('readAlerts for many entities (a bulk route)', () => {
  it("finds each entity's rules without testing every rule per entity", async () => {
    const SERVICES = 300;
    let labelReads = 0;
    const rules: RuleJson[] = Array.from({ length: SERVICES * 2 }, (_, i) => {
      const labels = { service: `svc-${i % SERVICES}`, severity: 'page' };
      const rule = {
        name: `rule-${i}`,
        state: i < SERVICES ? 'inactive' : 'firing',
      };
      return Object.defineProperty(rule, 'labels', {
        get: () => {
          labelReads++;
          return labels;
        },
        enumerable: true,
      }) as RuleJson;
    });
    const answer: RulesJson = { data: { groups: [{ name: 'svc', rules }] } };
    const cache = {
      cached: async () => ({
        value: answer,
        fetchedAt: new Date().toISOString(),
        stale: false,
      }),
    } as unknown as SwrCache;
    const client = {
      host: { id: 'main', domain: 'https://grafana', alertRulers: ['grafana'] },
    } as unknown as GrafanaClient;

    for (let i = 0; i < SERVICES; i++) {
      const { alerts } = await readAlerts(client, cache, {
        service: `svc-${i}`,
      });
      expect(alerts.map(a => a.name)).toEqual([
        `rule-${i + SERVICES}`,
        `rule-${i}`,
      ]);
    }
    // Indexing reads each rule's labels once; each entity then tests its own 2 rules
    // (about 3 reads each). Testing every rule per entity: 180,000 reads.
    expect(labelReads).toBeLessThanOrEqual(rules.length + SERVICES * 2 * 4);
  });
});
