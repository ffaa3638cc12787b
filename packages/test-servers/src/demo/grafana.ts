import path from 'node:path';
import {
  FakeGrafana,
  FakeGrafanaOptions,
  FakeGrafanaRule,
  startFakeGrafana,
} from '../grafana';
import {
  loadServiceObservability,
  readObservabilityFiles,
} from './observability';

export const DEMO_GRAFANA_TOKEN = 'glsa_demo-grafana-token';

const prometheus = { uid: 'prometheus', type: 'prometheus' };

type DemoGrafanaOptions = FakeGrafanaOptions & {
  datasourceRules: Record<string, FakeGrafanaRule[]>;
};

/** The uid of the Prometheus data source whose ruler holds the services' PrometheusRules. */
export const DEMO_PROMETHEUS_UID = prometheus.uid;

/**
 * ms-auth's overview dashboard (requests, error ratio, CPU, notes) and its alerts, one
 * firing; ms-video's and ms-notify's dashboards and SLO alerts as generated in
 * `examples/systems/video-system` (`root` is the repository), ms-video's fast burn firing
 * in prod. `options` stays live: what is added to its dashboards and rules is served.
 */
export async function startDemoGrafana(root: string): Promise<{
  grafana: FakeGrafana;
  options: DemoGrafanaOptions;
}> {
  const options: DemoGrafanaOptions = {
    token: DEMO_GRAFANA_TOKEN,
    datasourceRules: { [prometheus.uid]: [] },
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
  };
  const state = { ...options, prometheusUid: DEMO_PROMETHEUS_UID };
  for (const service of ['ms-video', 'ms-notify'])
    loadServiceObservability(
      readObservabilityFiles(
        path.join(
          root,
          'examples',
          'systems',
          'video-system',
          'services',
          service,
        ),
      ),
      state,
    );
  const burning = options.datasourceRules[DEMO_PROMETHEUS_UID].find(
    rule =>
      rule.labels.service === 'ms-video' &&
      rule.name === 'SLOAvailabilityBurnPage1h',
  );
  if (!burning)
    throw new Error('ms-video has no SLOAvailabilityBurnPage1h alert');
  Object.assign(burning, {
    state: 'firing',
    labels: { ...burning.labels, environment: 'prod' },
    activeAt: new Date(Date.now() - 12 * 60_000).toISOString(),
  });
  return { grafana: await startFakeGrafana(options), options };
}
