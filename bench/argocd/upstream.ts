// The Argo CD the benchmark reads, in its own process so its work does not skew the
// load generator: ENTITIES services x 3 environments, UPSTREAM_LATENCY_MS per answer.
import { startFakeArgoCd } from '../../packages/test-servers/src/argocd';
import { ENTITIES, entityName, UPSTREAM_LATENCY_MS } from '../lib/loadTest';
import { serveUpstream } from '../lib/upstream';

export const BENCH_ARGOCD_TOKEN = 'bench-argocd-token';

async function main() {
  const applications = [];
  for (let i = 1; i <= ENTITIES; i++) {
    for (const env of ['dev', 'staging', 'prod']) {
      applications.push({
        name: `${entityName(i)}-${env}`,
        project: 'bench',
        labels: {
          'backstage.io/kubernetes-id': entityName(i),
          'forja.dev/environment': env,
        },
        sync: 'Synced' as const,
        health: 'Healthy' as const,
        revision: `${i.toString(16).padStart(8, '0')}${'ab'.repeat(16)}`,
      });
    }
  }
  serveUpstream(
    await startFakeArgoCd({
      token: BENCH_ARGOCD_TOKEN,
      applications,
      latencyMs: UPSTREAM_LATENCY_MS,
    }),
  );
}

if (require.main === module) {
  main();
}
