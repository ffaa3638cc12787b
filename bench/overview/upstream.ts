// The upstreams the overview reads, in their own process: Argo CD (COMPONENTS x 3
// applications), Grafana (a firing rule for every 20th component) and two Kubernetes
// clusters (non-prod: dev and staging, labelled; prod), each answering after
// UPSTREAM_LATENCY_MS.
import { startFakeArgoCd } from '../../packages/test-servers/src/argocd';
import { startFakeGrafana } from '../../packages/test-servers/src/grafana';
import { startFakeKubernetesApi } from '../../packages/test-servers/src/kubernetes';
import { workloadFixture } from '../../packages/test-servers/src/kubernetesFixtures';
import { serveUpstream } from '../lib/upstream';
import { BENCH_TOKEN, COMPONENTS, componentName, ENVIRONMENTS } from './shape';

const latencyMs = Number(process.env.UPSTREAM_LATENCY_MS ?? 200);

async function main() {
  const names = Array.from({ length: COMPONENTS }, (_, i) => componentName(i));
  const argocd = await startFakeArgoCd({
    token: BENCH_TOKEN,
    latencyMs,
    applications: names.flatMap((name, i) =>
      ENVIRONMENTS.map(env => ({
        name: `${name}-${env}`,
        project: 'bench',
        labels: {
          'backstage.io/kubernetes-id': name,
          'forja.dev/environment': env,
        },
        sync:
          i % 7 === 3 && env === 'staging'
            ? ('OutOfSync' as const)
            : ('Synced' as const),
        health:
          i % 11 === 5 && env === 'prod'
            ? ('Degraded' as const)
            : ('Healthy' as const),
        revision: `${i.toString(16).padStart(8, '0')}${'ab'.repeat(16)}`,
      })),
    ),
  });
  const grafana = await startFakeGrafana({
    token: BENCH_TOKEN,
    latencyMs,
    dashboards: [],
    rules: names.map((name, i) => ({
      name: `${name}-errors`,
      group: name,
      folder: 'bench',
      state: i % 20 === 0 ? ('firing' as const) : ('inactive' as const),
      labels: { service: name, environment: 'prod', severity: 'critical' },
    })),
  });
  const workloads = (envs: string[], labelled: boolean) =>
    names.flatMap(name =>
      envs.flatMap(env =>
        workloadFixture({
          name,
          namespace: labelled ? `bench-${env}` : 'bench',
          image: `registry.example.com/${name}:1.0.0`,
          replicas: 2,
          labels: labelled ? { 'forja.dev/environment': env } : {},
        }),
      ),
    );
  const nonprod = await startFakeKubernetesApi({
    token: BENCH_TOKEN,
    latencyMs,
    objects: workloads(['dev', 'staging'], true),
  });
  const prod = await startFakeKubernetesApi({
    token: BENCH_TOKEN,
    latencyMs,
    objects: workloads(['prod'], false),
  });
  serveUpstream({ argocd, grafana, nonprod, prod });
}

if (require.main === module) {
  main();
}
