// The Grafana the benchmark reads, in its own process: an overview dashboard per service
// (time series, stat and gauge panels), 1,500 more dashboards so the search pages, and an
// alert rule per service; UPSTREAM_LATENCY_MS per answer.
import { startFakeGrafana } from '../../packages/test-servers/src/grafana';
import { ENTITIES, entityName, UPSTREAM_LATENCY_MS } from '../lib/loadTest';
import { serveUpstream } from '../lib/upstream';

export const BENCH_GRAFANA_TOKEN = 'glsa_bench-grafana-token';
const prometheus = { uid: 'prometheus', type: 'prometheus' };

const panel = (id: number, type: string, expr: string) => ({
  id,
  type,
  title: `${type} ${id}`,
  datasource: prometheus,
  targets: [{ refId: 'A', expr }],
});

async function main() {
  const services = Array.from({ length: ENTITIES }, (_, i) =>
    entityName(i + 1),
  );
  serveUpstream(
    await startFakeGrafana({
      token: BENCH_GRAFANA_TOKEN,
      latencyMs: UPSTREAM_LATENCY_MS,
      datasources: [{ name: 'Prometheus', ...prometheus }],
      fillerDashboards: 1500,
      dashboards: services.map(service => ({
        uid: `${service}-overview`,
        title: `${service} overview`,
        tags: [service],
        panels: [
          panel(1, 'timeseries', `rate(requests{service="${service}"}[5m])`),
          panel(2, 'stat', `errors{service="${service}"}`),
          panel(3, 'gauge', `cpu{service="${service}"}`),
        ],
      })),
      rules: services.map(service => ({
        name: `${service} errors`,
        group: service,
        folder: 'Bench',
        state: 'firing' as const,
        labels: { service },
        annotations: { summary: 'errors above 5%' },
      })),
    }),
  );
}

if (require.main === module) {
  main();
}
