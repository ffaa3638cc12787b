import { DEMO_ARGOCD_TOKEN, startDemoArgoCd } from './argocd';
import {
  DEMO_CLUSTER_TOKEN,
  demoClusterObjects,
  startDemoCluster,
} from './cluster';
import {
  DEMO_GITHUB_TOKEN,
  DEMO_PLATFORM_REPOSITORY,
  startDemoGitHub,
} from './github';
import { startDemoGitOps } from './gitops';
import { demoCatalogLocations } from './templates';
import { DEMO_UPGRADE_REPOSITORY } from './templateUpgrade';
import {
  DEMO_GRAFANA_TOKEN,
  DEMO_PROMETHEUS_UID,
  startDemoGrafana,
} from './grafana';

/** The environment the demo's cluster runs. */
const CLUSTER_ENVIRONMENT = 'dev';

export interface DemoUpstreams {
  /** The portal's configuration for them (an app-config fragment). */
  config: Record<string, unknown>;
  urls: { argocd: string; grafana: string; kubernetes: string; github: string };
  /** The local GitHub's host and its environment repository, for the service form. */
  github: { host: string; owner: string; platformRepository: string };
  close(): Promise<void>;
}

/**
 * The demo's upstreams on loopback, seeded with the video system's story: Argo CD (ms-auth
 * and ms-notify out of sync in staging, ms-video degraded in prod), Grafana (ms-auth's
 * dashboard and a firing alert), an EKS cluster's Kubernetes API (ms-video rolling out
 * with a pod short) and GitHub (the video system's environment repository). A service
 * created from the portal is published there and then played through (startDemoGitOps):
 * registered, built, synced, its pods and dashboard appear. `config` points the portal at
 * them and turns its demo banner on, with Forja's templates (copied to `outDir`) offering
 * the local GitHub. `root` is the repository (its app-config, examples and templates).
 */
export async function startDemoUpstreams(
  root: string,
  outDir: string,
  log: (line: string) => void = () => {},
): Promise<DemoUpstreams> {
  const objects = demoClusterObjects();
  const [cluster, argocd, grafana, github] = await Promise.all([
    startDemoCluster(objects),
    startDemoArgoCd(),
    startDemoGrafana(root),
    startDemoGitHub(root),
  ]);
  const gitops = startDemoGitOps({
    github,
    token: DEMO_GITHUB_TOKEN,
    platformRepository: DEMO_PLATFORM_REPOSITORY,
    argocd,
    cluster: { objects, environment: CLUSTER_ENVIRONMENT },
    grafana: {
      dashboards: grafana.options.dashboards,
      datasourceRules: grafana.options.datasourceRules,
      prometheusUid: DEMO_PROMETHEUS_UID,
    },
    log,
  });
  const [owner] = DEMO_PLATFORM_REPOSITORY.split('/');
  return {
    urls: {
      argocd: argocd.url,
      grafana: grafana.grafana.url,
      kubernetes: cluster.url,
      github: github.url,
    },
    github: {
      host: github.host,
      owner,
      platformRepository: DEMO_PLATFORM_REPOSITORY,
    },
    config: {
      forja: { demo: true },
      catalog: {
        locations: [
          ...demoCatalogLocations(root, outDir, github.host),
          // A service one template version behind, registered from its repository.
          {
            type: 'url',
            target: `${github.url}/${DEMO_UPGRADE_REPOSITORY}/blob/main/catalog-info.yaml`,
          },
        ],
      },
      integrations: {
        github: [
          {
            host: github.host,
            apiBaseUrl: github.apiBaseUrl,
            token: DEMO_GITHUB_TOKEN,
          },
        ],
      },
      grafana: {
        hosts: [
          {
            id: 'main',
            domain: grafana.grafana.url,
            token: DEMO_GRAFANA_TOKEN,
            alertDatasources: [DEMO_PROMETHEUS_UID],
          },
        ],
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
      overview: {
        clusterEnvironments: { 'video-eks-dev': CLUSTER_ENVIRONMENT },
      },
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
      await gitops.stop();
      await Promise.all([
        cluster.close(),
        argocd.close(),
        grafana.grafana.close(),
        github.close(),
      ]);
    },
  };
}
