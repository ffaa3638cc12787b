// The Argo CD the benchmark reads, in its own process so its work does not skew the
// load generator: 20 services x 3 environments, 200 ms per answer.
import { startFakeArgoCd } from '../../packages/test-servers/src/argocd';

export const BENCH_ARGOCD_TOKEN = 'bench-argocd-token';
const LATENCY_MS = Number(process.env.UPSTREAM_LATENCY_MS ?? 200);

async function main() {
  const services = Number(process.env.ENTITIES ?? 20);
  const applications = [];
  for (let i = 1; i <= services; i++) {
    const service = `svc-${String(i).padStart(2, '0')}`;
    for (const env of ['dev', 'staging', 'prod']) {
      applications.push({
        name: `${service}-${env}`,
        project: 'bench',
        labels: {
          'backstage.io/kubernetes-id': service,
          'forja.dev/environment': env,
        },
        sync: 'Synced' as const,
        health: 'Healthy' as const,
        revision: `${i.toString(16).padStart(8, '0')}${'ab'.repeat(16)}`,
      });
    }
  }
  const argocd = await startFakeArgoCd({
    token: BENCH_ARGOCD_TOKEN,
    applications,
    latencyMs: LATENCY_MS,
  });
  process.on('message', (message: string) => {
    if (message === 'count') process.send!({ calls: argocd.requests.length });
    if (message === 'reset') {
      argocd.requests.length = 0;
      process.send!({ calls: 0 });
    }
  });
  process.send!({ url: argocd.url });
}

if (require.main === module) {
  main();
}
