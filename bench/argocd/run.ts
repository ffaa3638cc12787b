// 200 concurrent viewers over 20 entities for 30 s against an Argo CD answering in 200 ms,
// through Forja's Argo CD backend, then through Backstage's proxy backend, in one run and
// one backend process (see README.md). Targets: at least 100x fewer upstream calls, p95
// at most a tenth of the proxy's.
import { join } from 'node:path';
import {
  describeRun,
  report,
  runBenchmark,
  runPhase,
  startBackend,
  startUpstream,
} from '../lib/loadTest';
import { BENCH_ARGOCD_TOKEN } from './upstream';

runBenchmark(async () => {
  const upstream = await startUpstream(join(__dirname, 'upstream.ts'));
  const backend = await startBackend({
    plugins: ['@forja/plugin-argocd-backend'],
    annotations: name => ({
      'argocd/app-selector': `backstage.io/kubernetes-id=${name}`,
    }),
    config: {
      // Backstage's proxy in front of Argo CD, as the community Argo CD plugin uses it.
      proxy: {
        endpoints: {
          '/argocd/api': {
            target: `${upstream.url}/api/v1`,
            changeOrigin: true,
            headers: { Authorization: `Bearer ${BENCH_ARGOCD_TOKEN}` },
          },
        },
      },
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'main', url: upstream.url, token: BENCH_ARGOCD_TOKEN },
            ],
          },
        ],
      },
    },
  });
  const api = (path: string) =>
    fetch(`${backend.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${backend.token}` },
    });
  return {
    upstream,
    backend,
    run: async () => {
      describeRun();
      // Forja: one request per view; the backend reads the catalog and its cache.
      const forja = await runPhase(
        async entity => {
          const res = await api(
            `/api/forja-argocd/entities/component/default/${entity}/applications`,
          );
          if (!res.ok) return false;
          const body = await res.json();
          return (
            body.applications.length === 3 &&
            body.applications.every((a: any) => a.revisionMetadata?.author)
          );
        },
        upstream,
        backend,
      );
      // Proxy: what a card showing the same data asks through /api/proxy: the list by
      // selector, then each application's revision metadata.
      const proxy = await runPhase(
        async entity => {
          const selector = encodeURIComponent(
            `backstage.io/kubernetes-id=${entity}`,
          );
          const res = await api(
            `/api/proxy/argocd/api/applications?selector=${selector}`,
          );
          if (!res.ok) return false;
          const { items } = await res.json();
          const metadata = await Promise.all(
            items.map((app: any) =>
              api(
                `/api/proxy/argocd/api/applications/${app.metadata.name}/revisions/${app.status.sync.revision}/metadata`,
              ).then(r => (r.ok ? r.json() : undefined)),
            ),
          );
          return items.length === 3 && metadata.every(m => m?.author);
        },
        upstream,
        backend,
      );
      report('Forja argocd-backend', forja, proxy);
    },
  };
});
