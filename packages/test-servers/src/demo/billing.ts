import { generateKeyPairSync } from 'node:crypto';
import { FakeCostExplorer, startFakeCostExplorer } from '../awsCostExplorer';
import { FakeAzureCost, startFakeAzureCost } from '../azureCostManagement';
import {
  FakeBigQuery,
  FakeBillingExportRow,
  startFakeBigQuery,
} from '../gcpBillingExport';
import { FakeOpenCost, startFakeOpenCost } from '../opencost';
import { FakeSpend, monthsAgo } from '../spend';

/** The demo Cost Explorer's key pair (accepted by the double only). */
export const DEMO_AWS_ACCESS_KEY_ID = 'AKIAFORJADEMO0000000';
export const DEMO_AWS_SECRET_ACCESS_KEY = 'forja-demo-cost-explorer-secret';

/** The demo Entra ID app that reads Cost Management (accepted by the double only). */
export const DEMO_AZURE = {
  tenantId: '7f3c1a52-5d0e-4c1b-9a7e-0f2d6b8c4e11',
  clientId: '3b9e8d47-21c6-4f0a-8e5d-6a1c2f9b7d30',
  clientSecret: 'forja-demo-cost-management-secret',
  // The subscription of the hubs platform (examples/values/hubs/platform.yaml).
  scope: '/subscriptions/12345678-1234-4234-8234-123456789012',
};

/** The demo billing export: the gcpdemo platform's project (examples/values/gcpdemo). */
export const DEMO_GCP = {
  projectId: 'forja-demo-prod',
  table: 'forja-demo-prod.billing.gcp_billing_export_v1_0123AB_CDEF45_6789AB',
  clientEmail: 'forja-cost@forja-demo-prod.iam.gserviceaccount.com',
};

/** The spend of the demo's entities, per source, as the doubles hold it. */
export interface DemoSpend {
  /** OpenCost: pods by their labels. */
  workloads: FakeSpend[];
  /** Cost Explorer: AWS resources by their cost allocation tags. */
  cloud: FakeSpend[];
  /** Cost Management: Azure resources by their tags. */
  azure: FakeSpend[];
  /** The BigQuery billing export: Google Cloud resources by their labels. */
  gcp: FakeBillingExportRow[];
}

/**
 * Six months of spend, ending last month, each on the cloud whose tags the templates
 * write: ms-auth's pods per environment (OpenCost); video-auth-db's RDS instances and the
 * video platform's prod EKS cluster, video-prod-cluster (Cost Explorer); the hubs
 * platform's Azure PostgreSQL Flexible Servers (Cost Management); the gcpdemo platform's
 * prod Cloud SQL, with its sustained-use credits (the BigQuery billing export). Prod
 * ms-auth grew last month (a traffic spike kept the autoscaler at its maximum), so it
 * drifts from its estimate; the rest stays near theirs.
 */
export function demoSpend(now = new Date()): DemoSpend {
  const months = [6, 5, 4, 3, 2, 1].map(back => monthsAgo(now, back));
  const series = (
    entity: string,
    environment: string,
    amounts: number[],
  ): FakeSpend[] =>
    months.map((month, i) => ({
      entity,
      environment,
      month,
      amount: amounts[i],
    }));
  // Cloud SQL's usage rows and the credits that lower them, as the export lists them.
  const cloudSql = (entity: string, environment: string, costs: number[]) =>
    months.map(
      (month, i): FakeBillingExportRow => ({
        labels: [
          { key: 'forja-dev-entity', value: entity },
          { key: 'forja-dev-environment', value: environment },
          { key: 'managed-by', value: 'forja' },
        ],
        cost: costs[i],
        credits: [{ name: 'Committed use discount', amount: -12.5 }],
        currency: 'USD',
        usage_start_time: `${month}-01T00:00:00Z`,
        invoice: { month: month.replace('-', '') },
      }),
    );
  return {
    workloads: [
      ...series('ms-auth', 'dev', [24.8, 25.3, 25.1, 25.9, 26.2, 25.4]),
      ...series('ms-auth', 'staging', [28.6, 29.0, 29.3, 28.8, 29.5, 29.7]),
      ...series('ms-auth', 'prod', [30.9, 31.6, 32.4, 33.1, 35.8, 41.3]),
    ],
    cloud: [
      ...series('video-auth-db', 'dev', [14.1, 14.3, 14.2, 14.6, 14.4, 14.5]),
      ...series(
        'video-auth-db',
        'staging',
        [28.7, 29.1, 28.9, 29.3, 29.0, 29.4],
      ),
      ...series(
        'video-auth-db',
        'prod',
        [141.2, 143.8, 142.5, 145.1, 146.9, 148.2],
      ),
      ...series(
        'video-prod-cluster',
        'prod',
        [588.4, 592.1, 597.6, 601.3, 604.9, 611.7],
      ),
    ],
    azure: [
      ...series(
        'hubs-prod-postgres',
        'prod',
        [268.3, 270.1, 271.4, 269.8, 272.6, 274.9],
      ),
      ...series(
        'hubs-staging-postgres',
        'staging',
        [133.2, 133.9, 134.1, 134.6, 135.0, 135.4],
      ),
    ],
    gcp: cloudSql(
      'gcpdemo-prod-postgres',
      'prod',
      [318.4, 322.9, 325.1, 330.6, 334.2, 341.0],
    ),
  };
}

/**
 * The demo's four sources of actual spend on loopback: OpenCost, Cost Explorer, Azure
 * Cost Management (with its Entra ID token endpoint) and BigQuery (with Google's token
 * endpoint, verifying a service account key made for this run). `config` is
 * `cost.actual`: every credential stays in the backend's configuration.
 */
export async function startDemoBilling(): Promise<{
  opencost: FakeOpenCost;
  costExplorer: FakeCostExplorer;
  azure: FakeAzureCost;
  bigquery: FakeBigQuery;
  config: Record<string, unknown>;
  close(): Promise<void>;
}> {
  const spend = demoSpend();
  const key = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    publicKeyEncoding: { type: 'spki', format: 'pem' },
  });
  const [opencost, costExplorer, azure, bigquery] = await Promise.all([
    startFakeOpenCost({ spend: spend.workloads }),
    startFakeCostExplorer({
      accessKeyId: DEMO_AWS_ACCESS_KEY_ID,
      secretAccessKey: DEMO_AWS_SECRET_ACCESS_KEY,
      spend: spend.cloud,
    }),
    startFakeAzureCost({ ...DEMO_AZURE, spend: spend.azure }),
    startFakeBigQuery({
      ...DEMO_GCP,
      publicKey: key.publicKey,
      rows: spend.gcp,
    }),
  ]);
  return {
    opencost,
    costExplorer,
    azure,
    bigquery,
    config: {
      opencost: { baseUrl: opencost.url },
      aws: {
        endpoint: costExplorer.url,
        accessKeyId: DEMO_AWS_ACCESS_KEY_ID,
        secretAccessKey: DEMO_AWS_SECRET_ACCESS_KEY,
      },
      azure: {
        ...DEMO_AZURE,
        managementUrl: azure.url,
        loginUrl: azure.url,
      },
      gcp: {
        ...DEMO_GCP,
        privateKey: key.privateKey,
        bigqueryUrl: bigquery.url,
        tokenUrl: `${bigquery.url}/token`,
      },
    },
    close: async () => {
      await Promise.all([
        opencost.close(),
        costExplorer.close(),
        azure.close(),
        bigquery.close(),
      ]);
    },
  };
}
