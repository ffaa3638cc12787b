import { FakeGrafana, startFakeGrafana } from '../grafana';

export const DEMO_GRAFANA_TOKEN = 'glsa_demo-grafana-token';

const prometheus = { uid: 'prometheus', type: 'prometheus' };

/** ms-auth's overview dashboard: requests, error ratio, latency and a log table. */
export function startDemoGrafana(): Promise<FakeGrafana> {
  return startFakeGrafana({
    token: DEMO_GRAFANA_TOKEN,
    datasources: [{ name: 'Prometheus', ...prometheus }],
    dashboards: [
      {
        uid: 'ms-auth-overview',
        title: 'ms-auth overview',
        tags: ['ms-auth', 'video-system'],
        folderTitle: 'Video',
        variables: [
          { name: 'service', type: 'custom', current: { value: 'other' } },
        ],
        panels: [
          {
            id: 2,
            type: 'timeseries',
            title: 'Requests per second',
            datasource: prometheus,
            fieldConfig: { defaults: { unit: 'reqps' } },
            targets: [
              {
                refId: 'A',
                expr: 'sum(rate(http_requests_total{service="$service"}[$__rate_interval]))',
              },
            ],
          },
          {
            id: 3,
            type: 'stat',
            title: 'Error ratio',
            datasource: prometheus,
            fieldConfig: {
              defaults: {
                unit: 'percent',
                thresholds: {
                  steps: [
                    { color: 'green', value: null },
                    { color: 'red', value: 60 },
                  ],
                },
              },
            },
            targets: [{ refId: 'A', expr: 'errors{service="$service"}' }],
          },
          {
            id: 4,
            type: 'gauge',
            title: 'CPU',
            datasource: prometheus,
            fieldConfig: { defaults: { unit: 'percent', min: 0, max: 100 } },
            targets: [{ refId: 'A', expr: 'cpu{service="$service"}' }],
          },
          {
            id: 5,
            type: 'text',
            title: 'On-call notes',
          },
        ],
      },
      { uid: 'video-slo', title: 'Video SLOs', tags: ['video-system'] },
    ],
    rules: [
      {
        name: 'AuthErrorsHigh',
        group: 'ms-auth',
        folder: 'Video',
        state: 'firing',
        labels: {
          service: 'ms-auth',
          severity: 'critical',
          environment: 'prod',
        },
        annotations: {
          summary: '5xx above 5% for 10 minutes',
          runbook_url: 'https://runbooks.forja.example/ms-auth/errors',
        },
        activeAt: new Date(Date.now() - 25 * 60_000).toISOString(),
      },
      {
        name: 'AuthLatencyHigh',
        group: 'ms-auth',
        folder: 'Video',
        state: 'inactive',
        labels: { service: 'ms-auth', severity: 'warning' },
      },
    ],
  });
}
