import path from 'node:path';
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
import { startDemoBilling } from './billing';
import { startDemoGitOps } from './gitops';
import { openDemoCostPullRequest } from './costPullRequest';
import { demoCatalogLocations } from './templates';
import { DEMO_UPGRADE_REPOSITORY } from './templateUpgrade';
import {
  DEMO_GRAFANA_TOKEN,
  DEMO_PROMETHEUS_UID,
  startDemoGrafana,
} from './grafana';

export { DEMO_GITHUB_ORG, DEMO_GITHUB_TOKEN } from './github';

/** The environment the demo's cluster runs. */
const CLUSTER_ENVIRONMENT = 'dev';

/**
 * Rendered environment repositories whose Resources (<name>-<environment>-cluster,
 * -postgres, ...) the demo registers as the environment template would: the video
 * platform on AWS, hubs on Azure and gcpdemo on Google Cloud, each billed by the tags the
 * template puts on its resources.
 */
const DEMO_ENVIRONMENT_REPOSITORIES = ['video-system', 'hubs', 'gcpdemo'];

export interface DemoUpstreams {
  /** The portal's configuration for them (an app-config fragment). */
  config: Record<string, unknown>;
  urls: {
    argocd: string;
    grafana: string;
    kubernetes: string;
    github: string;
    opencost: string;
    costExplorer: string;
    azureCostManagement: string;
    bigquery: string;
    /** The platform's pull request carrying forja-cost's comment, when it could be made. */
    costPullRequest?: string;
  };
  /** The local GitHub's host and its environment repository, for the service form. */
  github: { host: string; owner: string; platformRepository: string };
  close(): Promise<void>;
}

/**
 * The demo's upstreams on loopback, seeded with the video system's story: Argo CD (ms-auth
 * and ms-notify out of sync in staging, ms-video degraded in prod), Grafana (ms-auth's
 * dashboard and a firing alert), an EKS cluster's Kubernetes API (ms-video rolling out
 * with a pod short), GitHub (the video system's environment repository) and its bills
 * (six months of OpenCost for ms-auth's pods, Cost Explorer for video-auth-db and the
 * video platform's prod cluster, Azure Cost Management for the hubs platform's databases,
 * the BigQuery billing export for gcpdemo's: see billing.ts). A service
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
  const [cluster, argocd, grafana, github, billing] = await Promise.all([
    startDemoCluster(objects),
    startDemoArgoCd(),
    startDemoGrafana(root),
    startDemoGitHub(root),
    startDemoBilling(),
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
  // A pull request on the platform with forja-cost's comment, as the cost workflow leaves
  // it; without it the demo still runs (the page then has no comment).
  const costPullRequest = await openDemoCostPullRequest(github, root).then(
    pull => {
      const url = `${github.url}/${DEMO_PLATFORM_REPOSITORY}/pull/${pull}`;
      log(`cost comment on ${url}`);
      return url;
    },
    error => {
      log(`no cost pull request: ${error.message ?? error}`);
      return undefined;
    },
  );
  const [owner] = DEMO_PLATFORM_REPOSITORY.split('/');
  return {
    urls: {
      argocd: argocd.url,
      grafana: grafana.grafana.url,
      kubernetes: cluster.url,
      github: github.url,
      opencost: billing.opencost.url,
      costExplorer: billing.costExplorer.url,
      azureCostManagement: billing.azure.url,
      bigquery: billing.bigquery.url,
      costPullRequest,
    },
    github: {
      host: github.host,
      owner,
      platformRepository: DEMO_PLATFORM_REPOSITORY,
    },
    config: {
      forja: { demo: true },
      // Actual spend: OpenCost for the pods, Cost Explorer, Cost Management and the
      // billing export for the AWS, Azure and Google Cloud resources.
      cost: { actual: billing.config },
      catalog: {
        locations: [
          ...demoCatalogLocations(root, outDir, github.host),
          ...DEMO_ENVIRONMENT_REPOSITORIES.map(seed => ({
            type: 'file',
            target: path.join(
              root,
              'examples/systems',
              seed,
              'catalog-info.yaml',
            ),
          })),
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
        // Owners hear about ms-video's Degraded prod and the firing alerts within seconds.
        notifications: {
          enabled: true,
          interval: '5s',
          degradedFor: '10s',
          outOfSyncFor: '1m',
        },
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
        billing.close(),
      ]);
    },
  };
}
