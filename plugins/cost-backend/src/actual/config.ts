import { Config } from '@backstage/config';
import { readDurationMs, upstreamBaseUrl } from '@forja/plugin-forja-node';

/** The share past which actual spend and estimate are said to drift. */
export const DEFAULT_DRIFT_SHARE = 0.2;
/** Full months in the trend. */
export const DEFAULT_TREND_MONTHS = 6;
/** Each source's time limit per call. */
export const DEFAULT_SOURCE_TIMEOUT_MS = 10_000;

export interface OpenCostConfig {
  baseUrl: string;
  token?: string;
  timeoutMs: number;
}

export interface AwsCostExplorerConfig {
  /** Cost Explorer's endpoint; AWS's own for the region when absent. */
  endpoint?: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  timeoutMs: number;
}

export interface AzureCostManagementConfig {
  /** `/subscriptions/<id>` or `/subscriptions/<id>/resourceGroups/<name>`. */
  scope: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  managementUrl: string;
  loginUrl: string;
  timeoutMs: number;
}

export interface GcpBillingExportConfig {
  /** The project the query job runs (and is billed) in. */
  projectId: string;
  /** `project.dataset.gcp_billing_export_v1_XXXXXX`. */
  table: string;
  clientEmail: string;
  privateKey: string;
  bigqueryUrl: string;
  tokenUrl: string;
  timeoutMs: number;
}

export interface ActualCostConfig {
  driftShare: number;
  months: number;
  opencost?: OpenCostConfig;
  aws?: AwsCostExplorerConfig;
  azure?: AzureCostManagementConfig;
  gcp?: GcpBillingExportConfig;
}

const AZURE_SCOPE =
  /^\/subscriptions\/[0-9a-fA-F-]{36}(\/resourceGroups\/[-\w._()]{1,90})?$/;
const BIGQUERY_TABLE =
  /^[a-z][a-z0-9-]{4,28}[a-z0-9]\.[A-Za-z0-9_]{1,1024}\.[A-Za-z0-9_]{1,1024}$/;

/** `cost.actual.*`: each source is on when its block is present; bad values fail at start-up. */
export function readActualCostConfig(root: Config): ActualCostConfig {
  const config = root.getOptionalConfig('cost.actual');
  const timeout = (key: string) =>
    readDurationMs(root, `cost.actual.${key}.timeout`, {
      defaultValue: { milliseconds: DEFAULT_SOURCE_TIMEOUT_MS },
    });
  const driftShare =
    config?.getOptionalNumber('driftShare') ?? DEFAULT_DRIFT_SHARE;
  if (!(driftShare > 0)) {
    throw new Error(
      `cost.actual.driftShare must be above 0, got ${driftShare}`,
    );
  }
  const months = config?.getOptionalNumber('months') ?? DEFAULT_TREND_MONTHS;
  if (!Number.isInteger(months) || months < 1 || months > 24) {
    throw new Error(
      `cost.actual.months must be a whole number from 1 to 24, got ${months}`,
    );
  }
  const opencost = config?.getOptionalConfig('opencost');
  const aws = config?.getOptionalConfig('aws');
  const azure = config?.getOptionalConfig('azure');
  const gcp = config?.getOptionalConfig('gcp');
  const azureScope = azure?.getString('scope');
  if (azureScope !== undefined && !AZURE_SCOPE.test(azureScope)) {
    throw new Error(
      `cost.actual.azure.scope must be /subscriptions/<id> or /subscriptions/<id>/resourceGroups/<name>, got "${azureScope}"`,
    );
  }
  const table = gcp?.getString('table');
  if (table !== undefined && !BIGQUERY_TABLE.test(table)) {
    throw new Error(
      `cost.actual.gcp.table must be <project>.<dataset>.<table>, got "${table}"`,
    );
  }
  return {
    driftShare,
    months,
    opencost: opencost && {
      baseUrl: upstreamBaseUrl(
        opencost.getString('baseUrl'),
        'cost.actual.opencost.baseUrl',
      ),
      token: opencost.getOptionalString('token'),
      timeoutMs: timeout('opencost'),
    },
    aws: aws && {
      endpoint:
        aws.getOptionalString('endpoint') === undefined
          ? undefined
          : upstreamBaseUrl(
              aws.getString('endpoint'),
              'cost.actual.aws.endpoint',
            ),
      region: aws.getOptionalString('region') ?? 'us-east-1',
      accessKeyId: aws.getString('accessKeyId'),
      secretAccessKey: aws.getString('secretAccessKey'),
      sessionToken: aws.getOptionalString('sessionToken'),
      timeoutMs: timeout('aws'),
    },
    azure: azure && {
      scope: azureScope!,
      tenantId: azure.getString('tenantId'),
      clientId: azure.getString('clientId'),
      clientSecret: azure.getString('clientSecret'),
      managementUrl: upstreamBaseUrl(
        azure.getOptionalString('managementUrl') ??
          'https://management.azure.com',
        'cost.actual.azure.managementUrl',
      ),
      loginUrl: upstreamBaseUrl(
        azure.getOptionalString('loginUrl') ??
          'https://login.microsoftonline.com',
        'cost.actual.azure.loginUrl',
      ),
      timeoutMs: timeout('azure'),
    },
    gcp: gcp && {
      projectId: gcp.getString('projectId'),
      table: table!,
      clientEmail: gcp.getString('clientEmail'),
      privateKey: gcp.getString('privateKey'),
      bigqueryUrl: upstreamBaseUrl(
        gcp.getOptionalString('bigqueryUrl') ??
          'https://bigquery.googleapis.com',
        'cost.actual.gcp.bigqueryUrl',
      ),
      tokenUrl: upstreamBaseUrl(
        gcp.getOptionalString('tokenUrl') ??
          'https://oauth2.googleapis.com/token',
        'cost.actual.gcp.tokenUrl',
      ),
      timeoutMs: timeout('gcp'),
    },
  };
}
