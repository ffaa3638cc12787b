import { DEMO_ARGOCD_TOKEN, startDemoArgoCd } from './argocd';
import { DEMO_CLUSTER_TOKEN, startDemoCluster } from './cluster';
import { DEMO_GRAFANA_TOKEN, startDemoGrafana } from './grafana';

export interface DemoUpstreams {
  /** The portal's configuration for them (an app-config fragment). */
  config: Record<string, unknown>;
  urls: { argocd: string; grafana: string; kubernetes: string };
  close(): Promise<void>;
}

/**
 * The demo's upstreams on loopback, seeded with the video system's story: Argo CD (ms-auth
 * and ms-notify out of sync in staging, ms-video degraded in prod), Grafana (ms-auth's
 * dashboard and a firing alert) and an EKS cluster's Kubernetes API (ms-video rolling out
 * with a pod short). `config` points the portal at them and turns its demo banner on.
 */
export async function startDemoUpstreams(): Promise<DemoUpstreams> {
  const [cluster, argocd, grafana] = await Promise.all([
    startDemoCluster(),
    startDemoArgoCd(),
    startDemoGrafana(),
  ]);
  return {
    urls: { argocd: argocd.url, grafana: grafana.url, kubernetes: cluster.url },
    config: {
      forja: { demo: true },
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
    },
    close: async () => {
      await Promise.all([cluster.close(), argocd.close(), grafana.close()]);
    },
  };
}
