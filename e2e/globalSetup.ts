import { ensureTestPackages } from '@forja/test-servers';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { DEMO_ARGOCD_TOKEN, startDemoArgoCd } from './demoArgoCd';
import { DEMO_GRAFANA_TOKEN, startDemoGrafana } from './demoGrafana';
import { DEMO_CLUSTER_TOKEN, startDemoCluster } from './demoCluster';
import { startPortal } from './portal';

const ROOT = resolve(__dirname, '..');
const OUTPUT = join(ROOT, 'output', 'e2e');
/** Starts the demo Kubernetes, Argo CD and Grafana APIs and the portal configured against them. */
export default async function globalSetup() {
  ensureTestPackages('chromium');
  mkdirSync(OUTPUT, { recursive: true });
  const cluster = await startDemoCluster();
  const argocd = await startDemoArgoCd();
  const grafana = await startDemoGrafana();
  const configFile = join(OUTPUT, 'app-config.e2e.yaml');
  writeFileSync(
    configFile,
    JSON.stringify({
      grafana: {
        hosts: [{ id: 'main', domain: grafana.url, token: DEMO_GRAFANA_TOKEN }],
      },
      argocd: {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'main', url: argocd.url, token: DEMO_ARGOCD_TOKEN },
            ],
          },
        ],
      },
      overview: { clusterEnvironments: { 'video-eks-dev': 'dev' } },
      kubernetes: {
        serviceLocatorMethod: { type: 'multiTenant' },
        clusterLocatorMethods: [
          {
            type: 'config',
            clusters: [
              {
                name: 'video-eks-dev',
                url: cluster.url,
                authProvider: 'serviceAccount',
                serviceAccountToken: DEMO_CLUSTER_TOKEN,
                skipMetricsLookup: true,
              },
            ],
          },
        ],
      },
    }),
  );

  const started = Date.now();
  const portal = await startPortal({
    configFile,
    logFile: join(OUTPUT, 'portal.log'),
  });
  console.log(
    `[e2e] portal answered 200 on :3000 after ${(
      (Date.now() - started) /
      1000
    ).toFixed(1)} s`,
  );

  return async () => {
    portal.stop();
    await Promise.all([cluster.close(), argocd.close(), grafana.close()]);
  };
}
