import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { FakeGrafana, startFakeGrafana } from '@forja/test-servers';
import request from 'supertest';
import grafanaPlugin from './index';

const TOKEN = 'glsa_grafana-token-for-tests';
const PROMETHEUS = { uid: 'prom-main', type: 'prometheus' };

const overview = {
  uid: 'ms-auth-overview',
  title: 'ms-auth overview',
  tags: ['ms-auth', 'generated'],
  folderTitle: 'Video',
  variables: [
    { name: 'service', type: 'custom', current: { value: 'other' } },
    { name: 'env', type: 'custom', current: { value: ['dev', 'prod'] } },
    { name: 'DS', type: 'datasource', current: { value: 'prom-main' } },
  ],
  panels: [
    {
      id: 2,
      type: 'timeseries',
      title: 'Requests per second',
      datasource: { uid: '${DS}', type: 'prometheus' },
      fieldConfig: { defaults: { unit: 'reqps' } },
      targets: [
        {
          refId: 'A',
          expr: 'sum(rate(http_requests_total{service="$service",env=~"$env"}[$__rate_interval]))',
          legendFormat: '{{status}}',
        },
      ],
    },
    {
      id: 3,
      type: 'stat',
      title: 'Error ratio',
      datasource: 'Prometheus',
      fieldConfig: {
        defaults: {
          unit: 'percentunit',
          thresholds: {
            steps: [
              { color: 'green', value: null },
              { color: 'red', value: 0.05 },
            ],
          },
        },
      },
      targets: [{ refId: 'A', expr: 'errors{service="${service}"}' }],
    },
    { id: 4, type: 'text', title: 'Notes' },
    {
      id: 10,
      type: 'row',
      title: 'Saturation',
      collapsed: true,
      panels: [
        {
          id: 11,
          type: 'gauge',
          title: 'CPU',
          datasource: { uid: 'unknown-ds', type: 'prometheus' },
          targets: [{ refId: 'A', expr: 'cpu' }],
        },
      ],
    },
  ],
};

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-video' },
});

describe('Grafana backend', () => {
  let grafana: FakeGrafana;
  let server: any;
  let decision: AuthorizeResult;

  const start = async (config: object) => {
    ({ server } = await startTestBackend({
      features: [
        grafanaPlugin,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        mockServices.permissions.mock({
          authorize: async () => [{ result: decision }] as never,
        }).factory,
        catalogServiceMock.factory({
          entities: [
            entity('ms-auth', {
              'grafana/dashboard-selector':
                "(tags @> 'ms-auth' || tags @> 'auth') && tags @> 'generated'",
              'grafana/alert-label-selector': 'service=ms-auth',
              'forja.dev/grafana-panels':
                'ms-auth-overview:2, ms-auth-overview:3, ms-auth-overview:4, ms-auth-overview:11, ms-auth-overview:99',
              'forja.dev/grafana-variables': 'service=ms-auth',
            }),
            entity('overview-only', {
              'grafana/overview-dashboard':
                'https://grafana.example.com/d/ms-auth-overview/ms-auth-overview?orgId=1',
            }),
            entity('odd', {
              'grafana/dashboard-selector': "tags @> 'a&b=c#d/../?x'",
            }),
            entity('broken', { 'grafana/dashboard-selector': "tags @> 'a' ;" }),
          ],
        }),
        mockServices.rootConfig.factory({ data: config }),
      ],
    }));
  };
  const config = (extra: object = {}) => ({
    grafana: {
      hosts: [
        {
          id: 'main',
          domain: 'https://grafana.example.com',
          apiUrl: grafana.url,
          token: TOKEN,
        },
      ],
      ...extra,
    },
  });

  beforeEach(async () => {
    decision = AuthorizeResult.ALLOW;
    grafana = await startFakeGrafana({
      token: TOKEN,
      dashboards: [
        overview,
        { uid: 'auth-slo', title: 'Auth SLO', tags: ['auth', 'generated'] },
        { uid: 'ms-auth-old', title: 'ms-auth (old)', tags: ['ms-auth'] },
      ],
      fillerDashboards: 1500,
      datasources: [{ name: 'Prometheus', ...PROMETHEUS }],
      rules: [
        {
          name: 'AuthLatencyHigh',
          group: 'ms-auth',
          folder: 'Video',
          state: 'pending',
          labels: { service: 'ms-auth', severity: 'warning' },
        },
        {
          name: 'AuthErrorsHigh',
          group: 'ms-auth',
          folder: 'Video',
          state: 'firing',
          labels: { service: 'ms-auth', severity: 'critical' },
          annotations: {
            summary: '5xx above 5% for 10 minutes',
            runbook_url: 'https://runbooks.example.com/ms-auth/errors',
          },
          activeAt: '2026-11-24T01:00:00Z',
        },
        {
          name: 'OrdersDown',
          group: 'orders',
          folder: 'Orders',
          state: 'firing',
          labels: { service: 'orders' },
        },
      ],
    });
  });
  afterEach(() => grafana.close());

  const get = (path: string) =>
    request(server)
      .get(`/api/forja-grafana/entities/component/default/${path}`)
      .set('authorization', mockCredentials.user.header());

  it('pages past 1000 dashboards and evaluates the selector on the server', async () => {
    await start(config());
    const res = await get('ms-auth/dashboards');
    expect(res.status).toBe(200);
    expect(res.body.searched).toBe(1503);
    expect(res.body.dashboards.map((d: any) => [d.title, d.url])).toEqual([
      [
        'ms-auth overview',
        'https://grafana.example.com/d/ms-auth-overview/ms-auth-overview',
      ],
      ['Auth SLO', 'https://grafana.example.com/d/auth-slo/auth-slo'],
    ]);
    expect(grafana.requests).toEqual([
      'GET /api/search?type=dash-db&limit=1000&page=1',
      'GET /api/search?type=dash-db&limit=1000&page=2',
    ]);
  });

  it('never sends a selector upstream, whatever characters it holds', async () => {
    await start(config());
    expect((await get('odd/dashboards')).body.dashboards).toEqual([]);
    expect(
      grafana.requests.every(r =>
        r.startsWith('GET /api/search?type=dash-db&limit=1000&page='),
      ),
    ).toBe(true);
    const broken = await get('broken/dashboards');
    expect(broken.status).toBe(400);
    expect(broken.body.error.message).toMatch(
      /annotation grafana\/dashboard-selector: unexpected ";" at 12/,
    );
  });

  it("lists the entity's alert rules, firing first, with summary and runbook", async () => {
    await start(config());
    const res = await get('ms-auth/alerts');
    expect(res.body.alerts).toEqual([
      expect.objectContaining({
        name: 'AuthErrorsHigh',
        state: 'firing',
        severity: 'critical',
        summary: '5xx above 5% for 10 minutes',
        runbookUrl: 'https://runbooks.example.com/ms-auth/errors',
        activeAt: '2026-11-24T01:00:00Z',
        firing: 1,
      }),
      expect.objectContaining({ name: 'AuthLatencyHigh', state: 'pending' }),
    ]);
  });

  it("adds the rules of the data sources configured as alert rulers: a generated service's SLO PrometheusRules", async () => {
    await grafana.close();
    grafana = await startFakeGrafana({
      token: TOKEN,
      dashboards: [],
      rules: [
        {
          name: 'AuthLatencyHigh',
          group: 'ms-auth',
          folder: 'Video',
          state: 'pending',
          labels: { service: 'ms-auth', severity: 'warning' },
        },
      ],
      datasourceRules: {
        prometheus: [
          {
            name: 'SLOAvailabilityBurnPage1h',
            group: 'ms-auth-slo-alerts',
            folder: '/etc/prometheus/rules/video-ms-auth-slo.yaml',
            state: 'firing',
            labels: {
              service: 'ms-auth',
              slo: 'availability',
              severity: 'critical',
            },
            annotations: {
              summary:
                'ms-auth is spending its availability error budget 14.4 times too fast',
            },
            activeAt: '2026-12-04T10:00:00Z',
          },
          {
            name: 'SLOAvailabilityBurnPage1h',
            group: 'orders-slo-alerts',
            folder: '/etc/prometheus/rules/case-orders-slo.yaml',
            state: 'firing',
            labels: { service: 'orders-backend', severity: 'critical' },
          },
        ],
      },
    });
    const hostWith = (alertDatasources?: string[]) => ({
      grafana: {
        hosts: [
          {
            id: 'main',
            domain: 'https://grafana.example.com',
            apiUrl: grafana.url,
            token: TOKEN,
            ...(alertDatasources ? { alertDatasources } : {}),
          },
        ],
      },
    });
    // Without the setting: Grafana-managed rules only, as before.
    await start(hostWith());
    expect(
      (await get('ms-auth/alerts')).body.alerts.map((a: any) => a.name),
    ).toEqual(['AuthLatencyHigh']);
    await start(hostWith(['prometheus']));
    const res = await get('ms-auth/alerts');
    expect(res.body.alerts).toEqual([
      expect.objectContaining({
        name: 'SLOAvailabilityBurnPage1h',
        state: 'firing',
        severity: 'critical',
        firing: 1,
        group: 'ms-auth-slo-alerts',
      }),
      expect.objectContaining({ name: 'AuthLatencyHigh', state: 'pending' }),
    ]);
    expect(grafana.requests).toEqual(
      expect.arrayContaining([
        'GET /api/prometheus/grafana/api/v1/rules',
        'GET /api/prometheus/prometheus/api/v1/rules',
      ]),
    );
  });

  it("runs each panel's own queries with the variables resolved and returns frames", async () => {
    await start(config());
    const res = await get('ms-auth/panels?range=1h');
    expect(res.status).toBe(200);
    const byId = Object.fromEntries(
      res.body.panels.map((p: any) => [p.panelId, p]),
    );
    expect(byId[2]).toMatchObject({
      kind: 'timeseries',
      unit: 'reqps',
      url: 'https://grafana.example.com/d/ms-auth-overview/?viewPanel=2&from=now-1h&to=now&var-service=ms-auth',
    });
    expect(byId[2].embedUrl).toBeUndefined();
    const [time, value] = byId[2].frames[0].fields;
    expect(time.type).toBe('time');
    expect(value.values.length).toBe(time.values.length);
    expect(value.values.length).toBeGreaterThan(100);
    expect(byId[3]).toMatchObject({
      kind: 'stat',
      thresholds: [
        { color: 'green', value: null },
        { color: 'red', value: 0.05 },
      ],
    });
    expect(byId[4]).toMatchObject({ kind: 'unsupported', frames: [] });
    expect(byId[11].error).toMatch(
      /query A: data source not found: unknown-ds/,
    );
    expect(byId[99].error).toBe('dashboard ms-auth-overview has no panel 99');

    const sent = grafana.queries.flatMap(q => q.queries);
    expect(sent.map((q: any) => q.expr).sort()).toEqual([
      'cpu',
      'errors{service="ms-auth"}',
      'sum(rate(http_requests_total{service="ms-auth",env=~"(dev|prod)"}[$__rate_interval]))',
    ]);
    expect(sent.find((q: any) => q.expr === 'cpu').datasource).toEqual({
      uid: 'unknown-ds',
      type: 'prometheus',
    });
    expect(
      sent.find((q: any) => q.expr.startsWith('errors')).datasource,
    ).toEqual(PROMETHEUS);
    expect(grafana.queries[0]).toMatchObject({ from: 'now-1h', to: 'now' });
  });

  it('draws every panel of the overview dashboard, rows included', async () => {
    await start(
      config({
        hosts: [
          {
            id: 'main',
            domain: 'https://grafana.example.com',
            apiUrl: grafana.url,
            token: TOKEN,
            embeddable: true,
          },
        ],
      }),
    );
    const res = await get('overview-only/panels');
    expect(res.body.panels.map((p: any) => p.panelId)).toEqual([2, 3, 4, 11]);
    expect(res.body.panels[0].embedUrl).toBe(
      'https://grafana.example.com/d-solo/ms-auth-overview/?panelId=2&from=now-6h&to=now',
    );
  });

  it('costs one upstream call per panel however many viewers ask at once', async () => {
    await start(config());
    await get('ms-auth/panels');
    const calls = grafana.requests.length;
    await Promise.all(Array.from({ length: 20 }, () => get('ms-auth/panels')));
    expect(grafana.requests.length).toBe(calls);
  });

  it('refuses ranges it does not know and never forwards a query from the browser', async () => {
    await start(config());
    const res = await request(server)
      .get(
        '/api/forja-grafana/entities/component/default/ms-auth/panels?range=now-30d&expr=up',
      )
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(/^range: /);
    const post = await request(server)
      .post('/api/forja-grafana/entities/component/default/ms-auth/panels')
      .set('authorization', mockCredentials.user.header())
      .send({ queries: [{ expr: 'up' }] });
    expect(post.status).toBe(404);
    expect(grafana.queries).toEqual([]);
  });

  it.each([
    [
      '401',
      'credentials-rejected',
      /^credentials rejected by Grafana main \(HTTP 401\)/,
    ],
    ['500', 'unavailable', /^Grafana main is unavailable: HTTP 500/],
    ['malformed', 'unavailable', /^Grafana main returned malformed JSON/],
    [
      'stall',
      'unavailable',
      /^Grafana main is unavailable: no answer within 1 s/,
    ],
    ['reset', 'unavailable', /^Grafana main is unavailable: /],
  ] as const)(
    'degrades each card on %s with the reason',
    async (fault, status, message) => {
      // A short limit only where Grafana stalls, so a loaded machine cannot trip it elsewhere.
      await start(config({ requestTimeout: '1s' }));
      grafana.fault = fault;
      for (const path of ['dashboards', 'alerts', 'panels']) {
        const res = await get(`ms-auth/${path}`);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          configured: true,
          host: 'main',
          status,
        });
        expect(res.body.message).toMatch(message);
        expect(JSON.stringify(res.body)).not.toContain(TOKEN);
      }
    },
    15_000,
  );

  it('keeps serving the last good data, with its age, when Grafana fails later', async () => {
    await start(config({ cacheFresh: '0ms' }));
    const first = await get('ms-auth/alerts');
    grafana.fault = '500';
    await new Promise(r => setTimeout(r, 20));
    const later = await get('ms-auth/alerts');
    expect(later.body.status).toBe('ok');
    expect(later.body.alerts).toEqual(first.body.alerts);
    expect(later.body.fetchedAt).toBe(first.body.fetchedAt);
  });

  it('says Grafana is not configured, and which host is missing', async () => {
    await start({});
    expect((await get('ms-auth/alerts')).body).toMatchObject({
      configured: false,
      alerts: [],
    });
  });

  it('answers 401 without credentials and 403 without the permission, calling nothing', async () => {
    await start(config());
    const anonymous = await request(server).get(
      '/api/forja-grafana/entities/component/default/ms-auth/alerts',
    );
    expect(anonymous.status).toBe(401);
    decision = AuthorizeResult.DENY;
    const denied = await get('ms-auth/alerts');
    expect(denied.status).toBe(403);
    expect(grafana.requests).toEqual([]);
  });
});
