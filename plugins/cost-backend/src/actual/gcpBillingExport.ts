import { ACTUAL_COST_TAGS } from '@forja/plugin-cost-common';
import {
  fetchUpstream,
  UpstreamCredentialsRejectedError,
  UpstreamResponse,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { createSign } from 'node:crypto';
import { GcpBillingExportConfig } from './config';
import { createOAuthToken, upstreamFailure } from './oauthToken';
import { ActualCostSource, SpendRow } from './source';

const UPSTREAM = 'BigQuery (GCP billing export)';
const SCOPE = 'https://www.googleapis.com/auth/bigquery.readonly';

/**
 * The export's spend of the resources labelled with the entity, per environment label and
 * invoice month, credits included. Every value is a named parameter: the entity's name
 * never becomes SQL text. The table comes from config, checked at start-up.
 */
export const billingExportQuery = (table: string) => `SELECT
  invoice.month AS month,
  (SELECT l.value FROM UNNEST(labels) AS l WHERE l.key = @environment_key) AS environment,
  SUM(cost) + SUM(IFNULL((SELECT SUM(c.amount) FROM UNNEST(credits) AS c), 0)) AS cost,
  currency
FROM \`${table}\`
WHERE invoice.month BETWEEN @first_month AND @last_month
  AND EXISTS (SELECT 1 FROM UNNEST(labels) AS l WHERE l.key = @entity_key AND l.value = @entity)
GROUP BY month, environment, currency`;

const base64url = (data: string | Buffer) =>
  Buffer.from(data).toString('base64url');

/** A service account's signed JWT for the OAuth 2.0 JWT-bearer grant (RS256). */
export function serviceAccountAssertion(
  config: Pick<
    GcpBillingExportConfig,
    'clientEmail' | 'privateKey' | 'tokenUrl'
  >,
  nowSeconds: number,
): string {
  const header = base64url(JSON.stringify({ alg: 'RS256', typ: 'JWT' }));
  const claims = base64url(
    JSON.stringify({
      iss: config.clientEmail,
      scope: SCOPE,
      aud: config.tokenUrl,
      iat: nowSeconds,
      exp: nowSeconds + 3600,
    }),
  );
  const signature = createSign('RSA-SHA256')
    .update(`${header}.${claims}`)
    .sign(config.privateKey.replace(/\\n/g, '\n'));
  return `${header}.${claims}.${base64url(signature)}`;
}

interface QueryResponse {
  jobComplete?: boolean;
  schema?: { fields?: Array<{ name: string; type: string }> };
  rows?: Array<{ f: Array<{ v: unknown }> }>;
  pageToken?: string;
}

const failure = (response: UpstreamResponse, what: string) =>
  upstreamFailure(UPSTREAM, response, what);

/**
 * Google Cloud resources' spend from the Cloud Billing export in BigQuery
 * (`POST /bigquery/v2/projects/{project}/queries`, a parameterized standard-SQL query),
 * with a token from the service account's JWT grant, kept until shortly before it expires.
 */
export function createGcpBillingExportSource(
  config: GcpBillingExportConfig,
  now: () => number = Date.now,
): ActualCostSource {
  const tags = ACTUAL_COST_TAGS.gcp;
  const accessToken = createOAuthToken({
    upstream: UPSTREAM,
    tokenUrl: config.tokenUrl,
    timeoutMs: config.timeoutMs,
    form: () => {
      let assertion: string;
      try {
        assertion = serviceAccountAssertion(config, Math.floor(now() / 1000));
      } catch (error) {
        throw new UpstreamCredentialsRejectedError(
          `cost.actual.gcp.privateKey cannot sign: ${(error as Error).message}`,
        );
      }
      return {
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion,
      };
    },
    now,
  });

  const parameter = (name: string, value: string) => ({
    name,
    parameterType: { type: 'STRING' },
    parameterValue: { value },
  });

  return {
    id: 'gcp',
    async spend({ entity, months }) {
      const bearer = await accessToken();
      const response = await fetchUpstream({
        upstream: UPSTREAM,
        url: `${config.bigqueryUrl}/bigquery/v2/projects/${encodeURIComponent(
          config.projectId,
        )}/queries`,
        method: 'POST',
        token: bearer,
        timeoutMs: config.timeoutMs,
        body: {
          query: billingExportQuery(config.table),
          useLegacySql: false,
          parameterMode: 'NAMED',
          queryParameters: [
            parameter('entity_key', tags.entity),
            parameter('entity', entity),
            parameter('environment_key', tags.environment),
            parameter('first_month', months[0].replace('-', '')),
            parameter('last_month', months[months.length - 1].replace('-', '')),
          ],
          timeoutMs: config.timeoutMs,
          maxResults: 1000,
        },
      });
      if (!response.ok) throw await failure(response, 'query');
      const result = await response.json<QueryResponse>();
      if (!result.jobComplete) {
        throw new UpstreamUnavailableError(
          `${UPSTREAM}: the query did not complete within ${
            config.timeoutMs / 1000
          } s`,
        );
      }
      const fields = (result.schema?.fields ?? []).map(f => f.name);
      const at = (name: string) => fields.indexOf(name);
      const [month, environment, cost, currency] = [
        at('month'),
        at('environment'),
        at('cost'),
        at('currency'),
      ];
      if ([month, environment, cost].some(i => i < 0)) {
        throw new UpstreamUnavailableError(
          `${UPSTREAM} answered without month, environment and cost columns`,
        );
      }
      const rows: SpendRow[] = [];
      for (const row of result.rows ?? []) {
        const cells = row.f.map(cell => cell.v);
        const invoiceMonth = String(cells[month] ?? '');
        const env = cells[environment];
        const amount = Number(cells[cost]);
        if (!/^\d{6}$/.test(invoiceMonth) || typeof env !== 'string' || !env)
          continue;
        const ym = `${invoiceMonth.slice(0, 4)}-${invoiceMonth.slice(4)}`;
        if (!months.includes(ym) || !Number.isFinite(amount)) continue;
        rows.push({
          environment: env,
          month: ym,
          amount,
          currency: String(cells[currency] ?? 'USD'),
        });
      }
      return rows;
    },
  };
}
