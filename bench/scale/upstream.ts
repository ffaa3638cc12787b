// The upstreams of the simulated organisation, in their own process (see README.md):
// ARGOCD_INSTANCES Argo CD instances holding COMPONENTS x 3 applications, CLUSTERS
// Kubernetes API servers holding every component's workload in each environment (10 pods
// a component), and one Grafana with DASHBOARDS dashboards and ALERT_RULES alert rules;
// each answering after UPSTREAM_LATENCY_MS.
import { startFakeArgoCd } from '../../packages/test-servers/src/argocd';
import { startFakeGrafana } from '../../packages/test-servers/src/grafana';
import {
  KubernetesObject,
  startFakeKubernetesApi,
} from '../../packages/test-servers/src/kubernetes';
import { workloadFixture } from '../../packages/test-servers/src/kubernetesFixtures';
import { LocalServer } from '../../packages/test-servers/src/http';
import { serveUpstream } from '../lib/upstream';
import {
  ALERT_RULES,
  ARGOCD_INSTANCES,
  BENCH_TOKEN,
  CLUSTERS,
  clusterName,
  clusterOf,
  COMPONENTS,
  componentName,
  DASHBOARDS,
  ENVIRONMENTS,
  instanceName,
  instanceOf,
  REPLICAS,
  systemName,
  systemOf,
} from './shape';

const latencyMs = Number(process.env.UPSTREAM_LATENCY_MS ?? 200);
/** One component in RULE_EVERY has an alert rule (ALERT_RULES of COMPONENTS). */
const RULE_EVERY = Math.max(1, Math.floor(COMPONENTS / ALERT_RULES));

async function main() {
  const servers: Record<string, LocalServer> = {};
  for (let n = 0; n < ARGOCD_INSTANCES; n++) {
    const applications = [];
    for (let i = 0; i < COMPONENTS; i++) {
      if (instanceOf(i) !== n) continue;
      const name = componentName(i);
      for (const env of ENVIRONMENTS)
        applications.push({
          name: `${name}-${env}`,
          project: systemName(systemOf(i)),
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
        });
    }
    servers[instanceName(n)] = await startFakeArgoCd({
      token: BENCH_TOKEN,
      latencyMs,
      applications,
    });
  }

  servers.grafana = await startFakeGrafana({
    token: BENCH_TOKEN,
    latencyMs,
    dashboards: Array.from({ length: DASHBOARDS }, (_, d) => {
      const i = Math.floor((d * COMPONENTS) / DASHBOARDS);
      return {
        uid: `dash-${d}`,
        title: `${componentName(i)} ${d % 2 ? 'latency' : 'traffic'}`,
        tags: [componentName(i), systemName(systemOf(i))],
        folderTitle: systemName(systemOf(i)),
      };
    }),
    rules: Array.from({ length: ALERT_RULES }, (_, r) => {
      const name = componentName(r * RULE_EVERY);
      return {
        name: `${name}-errors`,
        group: name,
        folder: systemName(systemOf(r * RULE_EVERY)),
        state: r % 20 === 0 ? ('firing' as const) : ('inactive' as const),
        labels: { service: name, environment: 'prod', severity: 'critical' },
      };
    }),
  });

  // Each cluster's objects: Deployment, ReplicaSet, Pods, Service, HPA per workload.
  const objects: KubernetesObject[][] = Array.from(
    { length: CLUSTERS },
    () => [],
  );
  for (let i = 0; i < COMPONENTS; i++)
    for (const env of ENVIRONMENTS)
      objects[clusterOf(i, env)].push(
        ...workloadFixture({
          name: componentName(i),
          namespace: systemName(systemOf(i)),
          image: `registry.example.com/${componentName(i)}:1.${i % 10}.0`,
          replicas: REPLICAS[env],
        }),
      );
  for (let c = 0; c < CLUSTERS; c++)
    servers[clusterName(c)] = await startFakeKubernetesApi({
      token: BENCH_TOKEN,
      latencyMs,
      objects: objects[c],
    });
  serveUpstream(servers);
}

if (require.main === module) {
  main();
}
