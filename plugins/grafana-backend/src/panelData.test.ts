import { FakeGrafana, startFakeGrafana } from '@forja/test-servers';
import {
  TEST_TOKEN,
  testCache,
  testClient,
} from './__testUtils__/grafanaClient';
import { DashboardJson, GrafanaPanel } from './client';
import {
  createPanelReader,
  describePanel,
  variablesQuery,
  wantedPanels,
} from './panelData';

const PROMETHEUS = { name: 'Prometheus', uid: 'prom-main', type: 'prometheus' };

const panels: GrafanaPanel[] = [
  {
    id: 2,
    type: 'timeseries',
    title: 'Requests',
    datasource: { uid: 'prom-main', type: 'prometheus' },
    fieldConfig: {
      defaults: {
        unit: 'reqps',
        decimals: 1,
        thresholds: { steps: [{ color: 'green', value: null }] },
      },
    },
    targets: [
      { refId: 'A', expr: 'rate(http_requests_total{service="$service"}[5m])' },
    ],
  },
  {
    id: 3,
    type: 'stat',
    title: 'Errors',
    datasource: 'Prometheus',
    targets: [{ refId: 'A', expr: 'errors' }],
  },
  { id: 4, type: 'text', title: 'Notes' },
  {
    id: 10,
    type: 'row',
    title: 'Saturation',
    panels: [
      {
        id: 11,
        type: 'gauge',
        title: 'CPU',
        datasource: { uid: 'unknown-ds' },
        targets: [{ refId: 'A', expr: 'cpu' }],
      },
    ],
  },
];

const json: DashboardJson = {
  meta: {},
  dashboard: {
    uid: 'overview',
    title: 'Overview',
    panels,
    templating: {
      list: [{ name: 'service', type: 'custom', current: { value: 'other' } }],
    },
  },
};

describe('wantedPanels', () => {
  it('takes the named panel, or every panel of a bare uid, rows opened', () => {
    const dashboards = new Map([
      ['overview', json],
      ['gone', undefined],
    ]);
    const wanted = wantedPanels(
      [
        { uid: 'overview', panelId: 11 },
        { uid: 'overview', panelId: 99 },
        { uid: 'gone', panelId: 1 },
        { uid: 'overview' },
      ],
      dashboards,
    );
    expect(wanted.map(w => [w.ref.uid, w.ref.panelId, w.panel?.id])).toEqual([
      ['overview', 11, 11],
      ['overview', 99, undefined],
      ['gone', 1, undefined],
      ['overview', undefined, 2],
      ['overview', undefined, 3],
      ['overview', undefined, 4],
      ['overview', undefined, 11],
    ]);
    expect(wanted[2].json).toBeUndefined();
  });
});

describe('variablesQuery', () => {
  it('encodes each variable for a Grafana link', () => {
    expect(variablesQuery({ service: 'ms-auth', 'a b': 'x/y' })).toBe(
      '&var-service=ms-auth&var-a%20b=x%2Fy',
    );
    expect(variablesQuery({})).toBe('');
  });
});

describe('describePanel', () => {
  const host = {
    id: 'main',
    domain: 'https://grafana.example.com',
    embeddable: true,
  };

  it('describes a panel with its settings and links, solo on embeddable hosts', () => {
    expect(
      describePanel(
        { ref: { uid: 'overview', panelId: 2 }, json, panel: panels[0] },
        { host, range: '6h', varQuery: '&var-service=ms-auth' },
      ),
    ).toEqual({
      dashboardUid: 'overview',
      panelId: 2,
      title: 'Requests',
      kind: 'timeseries',
      grafanaType: 'timeseries',
      frames: [],
      url: 'https://grafana.example.com/d/overview/?viewPanel=2&from=now-6h&to=now&var-service=ms-auth',
      embedUrl:
        'https://grafana.example.com/d-solo/overview/?panelId=2&from=now-6h&to=now&var-service=ms-auth',
      unit: 'reqps',
      decimals: 1,
      min: undefined,
      max: undefined,
      thresholds: [{ color: 'green', value: null }],
    });
  });

  it('says which dashboard or panel is missing', () => {
    const options = {
      host: { ...host, embeddable: false },
      range: '1h' as const,
      varQuery: '',
    };
    expect(
      describePanel({ ref: { uid: 'gone', panelId: 5 } }, options),
    ).toEqual({
      dashboardUid: 'gone',
      panelId: 5,
      title: 'gone panel 5',
      kind: 'unsupported',
      grafanaType: 'unknown',
      frames: [],
      url: 'https://grafana.example.com/d/gone/?viewPanel=5&from=now-1h&to=now',
      error: 'no dashboard gone in main',
    });
    expect(
      describePanel({ ref: { uid: 'overview', panelId: 99 }, json }, options)
        .error,
    ).toBe('dashboard overview has no panel 99');
    expect(
      describePanel(
        { ref: { uid: 'overview' }, json, panel: panels[2] },
        options,
      ),
    ).toMatchObject({ kind: 'unsupported', grafanaType: 'text' });
  });
});

describe('createPanelReader', () => {
  let grafana: FakeGrafana;

  beforeEach(async () => {
    grafana = await startFakeGrafana({
      token: TEST_TOKEN,
      datasources: [PROMETHEUS],
      dashboards: [
        {
          uid: 'overview',
          title: 'Overview',
          tags: [],
          panels,
          variables: json.dashboard.templating!.list!,
        },
      ],
    });
  });

  afterEach(() => grafana.close());

  it('reads panels with their frames, each failure on its own panel', async () => {
    const reader = createPanelReader(testClient(grafana.url), testCache());
    const read = () =>
      reader.read({
        refs: [{ uid: 'overview' }, { uid: 'missing', panelId: 1 }],
        entityValues: { service: 'ms-auth' },
        range: '1h',
      });
    const result = await read();
    expect(result.range).toBe('1h');
    expect(result.fetchedAt).toEqual(expect.any(String));
    expect(
      result.panels.map(p => [p.panelId, p.kind, p.frames.length, p.error]),
    ).toEqual([
      [2, 'timeseries', 1, undefined],
      [3, 'stat', 1, undefined],
      [4, 'unsupported', 0, undefined],
      [11, 'gauge', 0, 'query A: data source not found: unknown-ds'],
      [1, 'unsupported', 0, 'no dashboard missing in main'],
    ]);
    // The entity's variable value went into the query, the datasource named by name resolved.
    expect(grafana.queries.map(q => q.queries[0].expr)).toContain(
      'rate(http_requests_total{service="ms-auth"}[5m])',
    );
    expect(
      grafana.queries.map(q => q.queries[0].datasource.uid).sort(),
    ).toEqual(['prom-main', 'prom-main', 'unknown-ds']);

    // Again from the cache: dashboards, datasource, answers (errors included); a missing
    // dashboard is a failure, never cached.
    const requests = grafana.requests.length;
    expect(await read()).toEqual(result);
    expect(grafana.requests.slice(requests)).toEqual([
      'GET /api/dashboards/uid/missing',
    ]);
  });

  it('resolves datasources by uid as they are, by name once a day', async () => {
    const reader = createPanelReader(testClient(grafana.url), testCache());
    expect(await reader.resolveDatasource({ uid: 'x', type: 'loki' })).toEqual({
      uid: 'x',
      type: 'loki',
    });
    expect(await reader.resolveDatasource('Prometheus')).toEqual({
      uid: 'prom-main',
      type: 'prometheus',
    });
    await reader.resolveDatasource('Prometheus');
    expect(
      grafana.requests.filter(r => r.startsWith('GET /api/datasources')),
    ).toEqual(['GET /api/datasources/name/Prometheus']);
    await expect(reader.resolveDatasource(null)).rejects.toThrow(
      'the panel names no datasource Forja can resolve',
    );
  });
});
