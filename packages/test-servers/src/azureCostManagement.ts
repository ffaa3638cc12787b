import { randomUUID } from 'node:crypto';
import {
  answerFault,
  LocalServer,
  readJsonBody,
  sendJson,
  startLocalServer,
  UpstreamFault,
} from './http';
import { FakeSpend } from './spend';

export interface FakeAzureCostOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** The scope queries are allowed on (`/subscriptions/<id>`). */
  scope: string;
  /** Resources' spend by their tags `forja-dev-entity` and `forja-dev-environment`. */
  spend: FakeSpend[];
  /** Rows per page before a `nextLink` (the real API pages at 1000 by default). */
  pageSize?: number;
}

export interface FakeAzureCost extends LocalServer {
  fault: UpstreamFault;
  /** Query bodies received. */
  queries: any[];
  /** Tokens issued. */
  tokensIssued: number;
}

const armError = (code: string, message: string) => ({
  error: { code, message },
});

/**
 * Entra ID's token endpoint (`POST /{tenant}/oauth2/v2.0/token`, client credentials) and
 * Azure Cost Management's query API (`POST {scope}/providers/Microsoft.CostManagement/query
 * ?api-version=2023-11-01`) on one server. A query with `type`, `timeframe: Custom`,
 * `timePeriod`, `dataset.granularity: Monthly`, a `Sum` aggregation of `Cost`, a
 * `tags` filter (`In`) and a `TagKey` grouping answers `properties.columns` (Cost,
 * BillingMonth, TagKey, TagValue, Currency) and `rows`, paged by `nextLink`.
 */
export async function startFakeAzureCost(
  options: FakeAzureCostOptions,
): Promise<FakeAzureCost> {
  const state = {
    fault: 'none' as UpstreamFault,
    queries: [] as any[],
    tokensIssued: 0,
  };
  let fake: typeof state = state;
  const tokens = new Set<string>();
  const queryPath = `${options.scope}/providers/Microsoft.CostManagement/query`;
  const server = await startLocalServer(async (req, res, url) => {
    if (req.method !== 'POST') return false;
    if (url.pathname === `/${options.tenantId}/oauth2/v2.0/token`) {
      let text = '';
      for await (const chunk of req) text += chunk;
      const form = new URLSearchParams(text);
      if (
        form.get('grant_type') !== 'client_credentials' ||
        form.get('client_id') !== options.clientId ||
        form.get('client_secret') !== options.clientSecret ||
        !form.get('scope')?.endsWith('/.default')
      ) {
        sendJson(res, 401, {
          error: 'invalid_client',
          error_description: 'AADSTS7000215: Invalid client secret provided.',
        });
        return true;
      }
      const token = randomUUID();
      tokens.add(token);
      fake.tokensIssued++;
      sendJson(res, 200, {
        token_type: 'Bearer',
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: token,
      });
      return true;
    }
    if (url.pathname !== queryPath) return false;
    if (
      await answerFault(fake.fault, req, res, {
        unauthorized: armError(
          'InvalidAuthenticationToken',
          'The access token is invalid.',
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
        armError('InvalidAuthenticationToken', 'The access token is invalid.'),
      );
      return true;
    }
    if (url.searchParams.get('api-version') !== '2023-11-01') {
      sendJson(
        res,
        400,
        armError('InvalidApiVersionParameter', 'The api-version is invalid.'),
      );
      return true;
    }
    const query = await readJsonBody(req);
    fake.queries.push(query);
    const dataset = query.dataset ?? {};
    const filter = dataset.filter?.tags;
    const grouping = dataset.grouping?.[0];
    const from = Date.parse(query.timePeriod?.from);
    const to = Date.parse(query.timePeriod?.to);
    if (
      query.timeframe !== 'Custom' ||
      !(from < to) ||
      dataset.granularity !== 'Monthly' ||
      dataset.aggregation?.totalCost?.function !== 'Sum' ||
      filter?.operator !== 'In' ||
      grouping?.type !== 'TagKey'
    ) {
      sendJson(
        res,
        400,
        armError(
          'BadRequest',
          'this double serves a Custom, Monthly, tag-filtered query grouped by TagKey',
        ),
      );
      return true;
    }
    const sums = new Map<string, number>();
    for (const spend of options.spend) {
      const at = Date.parse(`${spend.month}-01T00:00:00Z`);
      if (at < from || at >= to || !filter.values?.includes(spend.entity))
        continue;
      if (filter.name !== 'forja-dev-entity') continue;
      const key = `${spend.month}|${
        grouping.name === 'forja-dev-environment' ? spend.environment ?? '' : ''
      }`;
      sums.set(key, (sums.get(key) ?? 0) + spend.amount);
    }
    const rows = [...sums].map(([key, cost]) => {
      const [month, environment] = key.split('|');
      return [cost, `${month}-01T00:00:00`, grouping.name, environment, 'USD'];
    });
    const size = options.pageSize ?? 1000;
    const skip = Number(url.searchParams.get('$skiptoken') ?? 0);
    const next = skip + size < rows.length;
    sendJson(res, 200, {
      id: `${queryPath}/${randomUUID()}`,
      name: randomUUID(),
      type: 'Microsoft.CostManagement/query',
      properties: {
        nextLink: next
          ? `http://${
              req.headers.host
            }${queryPath}?api-version=2023-11-01&$skiptoken=${skip + size}`
          : null,
        columns: [
          { name: 'Cost', type: 'Number' },
          { name: 'BillingMonth', type: 'Datetime' },
          { name: 'TagKey', type: 'String' },
          { name: 'TagValue', type: 'String' },
          { name: 'Currency', type: 'String' },
        ],
        rows: rows.slice(skip, skip + size),
      },
    });
    return true;
  });
  const started: FakeAzureCost = Object.assign(server, state);
  fake = started;
  return started;
}
