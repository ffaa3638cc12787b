import { createVerify, randomUUID } from 'node:crypto';
import {
  answerFault,
  LocalServer,
  readJsonBody,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';

/** One row of the Cloud Billing standard usage cost export (the fields the double reads). */
export interface FakeBillingExportRow {
  labels: Array<{ key: string; value: string }>;
  cost: number;
  credits: Array<{ name: string; amount: number }>;
  currency: string;
  usage_start_time: string;
  /** `YYYYMM`. */
  invoice: { month: string };
}

export interface FakeBigQueryOptions {
  /** The service account's `client_email` and its public key (PEM), to verify the JWT. */
  clientEmail: string;
  publicKey: string;
  projectId: string;
  /** `project.dataset.table` of the export. */
  table: string;
  rows: FakeBillingExportRow[];
}

export interface FakeBigQuery extends LocalServer {
  fault: UpstreamFault;
  /** Query request bodies received. */
  queries: any[];
}

const googleError = (code: number, status: string, message: string) => ({
  error: {
    code,
    message,
    status,
    errors: [{ message, reason: status.toLowerCase() }],
  },
});

/**
 * Google's OAuth 2.0 token endpoint for the JWT-bearer grant (the service account's RS256
 * assertion verified with its public key) and BigQuery's `jobs.query`
 * (`POST /bigquery/v2/projects/{project}/queries`). It runs the one query shape Forja
 * sends over the billing export: standard SQL, named STRING parameters `entity_key`,
 * `entity`, `environment_key`, `first_month` and `last_month`, FROM the configured table;
 * a query with a value spliced into its text (a quote, a literal) is refused as the real
 * one would fail to find it. Answers `jobComplete`, `schema.fields`, `rows[].f[].v` and
 * `totalRows`, values as strings as BigQuery's JSON does.
 */
export async function startFakeBigQuery(
  options: FakeBigQueryOptions,
): Promise<FakeBigQuery> {
  const state = { fault: 'none' as UpstreamFault, queries: [] as any[] };
  let fake: typeof state = state;
  const tokens = new Set<string>();
  const server = await startLocalServer(async (req, res, url) => {
    if (req.method !== 'POST') return false;
    if (url.pathname === '/token') {
      let text = '';
      for await (const chunk of req) text += chunk;
      const form = new URLSearchParams(text);
      const [header, claims, signature] = (form.get('assertion') ?? '').split(
        '.',
      );
      const verified =
        form.get('grant_type') ===
          'urn:ietf:params:oauth:grant-type:jwt-bearer' &&
        Boolean(signature) &&
        createVerify('RSA-SHA256')
          .update(`${header}.${claims}`)
          .verify(options.publicKey, Buffer.from(signature, 'base64url'));
      const payload = verified
        ? JSON.parse(Buffer.from(claims, 'base64url').toString())
        : {};
      if (
        !verified ||
        payload.iss !== options.clientEmail ||
        !(payload.exp > Date.now() / 1000)
      ) {
        sendJson(res, 400, {
          error: 'invalid_grant',
          error_description: 'Invalid JWT Signature.',
        });
        return true;
      }
      const token = `ya29.${randomUUID()}`;
      tokens.add(token);
      sendJson(res, 200, {
        access_token: token,
        expires_in: 3599,
        token_type: 'Bearer',
      });
      return true;
    }
    if (url.pathname !== `/bigquery/v2/projects/${options.projectId}/queries`)
      return false;
    if (
      await answerFault(fake.fault, req, res, {
        unauthorized: googleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials.',
        ),
      })
    )
      return true;
    const bearer = /^Bearer (.+)$/.exec(
      String(req.headers.authorization ?? ''),
    )?.[1];
    if (!bearer || !tokens.has(bearer)) {
      sendJson(
        res,
        401,
        googleError(
          401,
          'UNAUTHENTICATED',
          'Request had invalid authentication credentials.',
        ),
      );
      return true;
    }
    const body = await readJsonBody(req);
    fake.queries.push(body);
    const params: Record<string, string> = {};
    for (const p of body.queryParameters ?? []) {
      if (p.parameterType?.type === 'STRING')
        params[p.name] = p.parameterValue?.value;
    }
    const sql = String(body.query ?? '');
    const shaped =
      body.useLegacySql === false &&
      body.parameterMode === 'NAMED' &&
      sql.includes(`FROM \`${options.table}\``) &&
      [
        '@entity_key',
        '@entity',
        '@environment_key',
        '@first_month',
        '@last_month',
      ].every(p => sql.includes(p)) &&
      !/'[^']*'|"[^"]*"/.test(sql) &&
      Object.keys(params).length === 5;
    if (!shaped) {
      sendJson(
        res,
        400,
        googleError(
          400,
          'INVALID_ARGUMENT',
          'this double runs the billing export query with named parameters only',
        ),
      );
      return true;
    }
    const sums = new Map<string, number>();
    for (const row of options.rows) {
      const label = (key: string) => row.labels.find(l => l.key === key)?.value;
      if (label(params.entity_key) !== params.entity) continue;
      if (
        row.invoice.month < params.first_month ||
        row.invoice.month > params.last_month
      )
        continue;
      const key = `${row.invoice.month}|${
        label(params.environment_key) ?? ''
      }|${row.currency}`;
      const credits = row.credits.reduce((sum, c) => sum + c.amount, 0);
      sums.set(key, (sums.get(key) ?? 0) + row.cost + credits);
    }
    const rows = [...sums].map(([key, cost]) => {
      const [month, environment, currency] = key.split('|');
      return {
        f: [
          { v: month },
          { v: environment || null },
          { v: String(cost) },
          { v: currency },
        ],
      };
    });
    sendJson(res, 200, {
      kind: 'bigquery#queryResponse',
      schema: {
        fields: [
          { name: 'month', type: 'STRING', mode: 'NULLABLE' },
          { name: 'environment', type: 'STRING', mode: 'NULLABLE' },
          { name: 'cost', type: 'FLOAT', mode: 'NULLABLE' },
          { name: 'currency', type: 'STRING', mode: 'NULLABLE' },
        ],
      },
      jobReference: {
        projectId: options.projectId,
        jobId: `job_${randomUUID()}`,
        location: 'US',
      },
      totalRows: String(rows.length),
      rows,
      totalBytesProcessed: '1048576',
      jobComplete: true,
      cacheHit: false,
    });
    return true;
  });
  const started: FakeBigQuery = Object.assign(server, state);
  fake = started;
  return started;
}
