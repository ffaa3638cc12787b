// 200 concurrent viewers over 20 entities for 30 s against a Grafana answering in 200 ms:
// each view is an entity's dashboards card, alerts card and Grafana tab (three panels),
// through Forja's Grafana backend, then the same data through Backstage's proxy backend,
// in one run and one backend process (see README.md). Targets: at least 100x fewer
// upstream calls, p95 at most a tenth of the proxy's.
import { join } from 'node:path';
import {
  describeRun,
  report,
  runBenchmark,
  runPhase,
  startBackend,
  startUpstream,
} from '../lib/loadTest';
import { BENCH_GRAFANA_TOKEN } from './upstream';

runBenchmark(async () => {
  const upstream = await startUpstream(join(__dirname, 'upstream.ts'));
  const backend = await startBackend({
    plugins: ['@forja/plugin-grafana-backend'],
    annotations: name => ({
      'grafana/dashboard-selector': `tags @> '${name}'`,
      'grafana/alert-label-selector': `service=${name}`,
      'forja.dev/grafana-panels': `${name}-overview:1,${name}-overview:2,${name}-overview:3`,
    }),
    config: {
      // The community Grafana plugin's proxy endpoint, with the shared token.
      proxy: {
        endpoints: {
          '/grafana/api': {
            target: upstream.url,
            changeOrigin: true,
            headers: { Authorization: `Bearer ${BENCH_GRAFANA_TOKEN}` },
          },
        },
      },
      grafana: {
        hosts: [
          { id: 'main', domain: upstream.url, token: BENCH_GRAFANA_TOKEN },
        ],
      },
    },
  });
  const headers = { authorization: `Bearer ${backend.token}` };
  const api = (path: string, body?: unknown) =>
    fetch(`${backend.baseUrl}${path}`, {
      method: body ? 'POST' : 'GET',
      headers: body
        ? { ...headers, 'content-type': 'application/json' }
        : headers,
      body: body ? JSON.stringify(body) : undefined,
    });
  const json = async (response: Promise<Response>) => {
    const res = await response;
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    return res.json();
  };
  return {
    upstream,
    backend,
    run: async () => {
      describeRun();
      // Forja: the two cards and the tab, one request each.
      const forja = await runPhase(
        async entity => {
          const base = `/api/forja-grafana/entities/component/default/${entity}`;
          const [dashboards, alerts, panels] = await Promise.all([
            json(api(`${base}/dashboards`)),
            json(api(`${base}/alerts`)),
            json(api(`${base}/panels?range=6h`)),
          ]);
          return (
            dashboards.dashboards.length === 1 &&
            alerts.alerts.length === 1 &&
            panels.panels.every((p: any) => p.frames.length === 1)
          );
        },
        upstream,
        backend,
      );
      // Proxy: the same data as a browser has to fetch it through /api/proxy: every search
      // page (filtered in the browser), the alert rules, and the dashboard then one query
      // per panel.
      const proxy = await runPhase(
        async entity => {
          const grafana = '/api/proxy/grafana/api';
          const searchPages = async () => {
            const hits = [];
            for (let page = 1; ; page++) {
              const batch = await json(
                api(
                  `${grafana}/api/search?type=dash-db&limit=1000&page=${page}`,
                ),
              );
              hits.push(...batch);
              if (batch.length < 1000) return hits;
            }
          };
          const panelData = async () => {
            const { dashboard } = await json(
              api(`${grafana}/api/dashboards/uid/${entity}-overview`),
            );
            return Promise.all(
              dashboard.panels.map((p: any) =>
                json(
                  api(`${grafana}/api/ds/query`, {
                    queries: p.targets.map((t: any) => ({
                      ...t,
                      datasource: p.datasource,
                      intervalMs: 72_000,
                      maxDataPoints: 300,
                    })),
                    from: 'now-6h',
                    to: 'now',
                  }),
                ),
              ),
            );
          };
          const [hits, rules, frames] = await Promise.all([
            searchPages(),
            json(api(`${grafana}/api/prometheus/grafana/api/v1/rules`)),
            panelData(),
          ]);
          const mine = rules.data.groups.flatMap((g: any) =>
            g.rules.filter((r: any) => r.labels.service === entity),
          );
          return (
            hits.filter((h: any) => h.tags.includes(entity)).length === 1 &&
            mine.length === 1 &&
            frames.length === 3
          );
        },
        upstream,
        backend,
      );
      report('Forja grafana-backend', forja, proxy);
    },
  };
});
