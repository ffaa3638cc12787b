import { ACTUAL_COST_TAGS } from '@forja/plugin-cost-common';
import {
  fetchUpstream,
  UpstreamResponse,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { AzureCostManagementConfig } from './config';
import { dayAfter, firstDay } from './months';
import { createOAuthToken, upstreamFailure } from './oauthToken';
import { ActualCostSource, SpendRow } from './source';

export const AZURE_COST_API_VERSION = '2023-11-01';
const UPSTREAM = 'Azure Cost Management';
/** Result pages followed at most. */
const MAX_PAGES = 10;

interface QueryResult {
  properties?: {
    nextLink?: string | null;
    columns?: Array<{ name: string; type: string }>;
    rows?: unknown[][];
  };
}

const failure = (response: UpstreamResponse, what: string) =>
  upstreamFailure(UPSTREAM, response, what);

/** `BillingMonth` (`2026-11-01T00:00:00`) or `UsageDate` (20261105) as `YYYY-MM`. */
function monthOfCell(value: unknown): string {
  const text = String(value ?? '');
  return /^\d{8}$/.test(text)
    ? `${text.slice(0, 4)}-${text.slice(4, 6)}`
    : text.slice(0, 7);
}

/**
 * Cloud resources' spend from Azure Cost Management's query API (`POST
 * {scope}/providers/Microsoft.CostManagement/query`): monthly ActualCost of the resources
 * tagged `forja-dev-entity` = the entity's name, grouped by the tag
 * `forja-dev-environment`, following `nextLink` on the configured host only. The token
 * comes from Entra ID's client-credentials grant and is kept until shortly before it expires.
 */
export function createAzureCostManagementSource(
  config: AzureCostManagementConfig,
  now: () => number = Date.now,
): ActualCostSource {
  const tags = ACTUAL_COST_TAGS.azure;
  const accessToken = createOAuthToken({
    upstream: UPSTREAM,
    tokenUrl: `${config.loginUrl}/${encodeURIComponent(
      config.tenantId,
    )}/oauth2/v2.0/token`,
    timeoutMs: config.timeoutMs,
    form: () => ({
      grant_type: 'client_credentials',
      client_id: config.clientId,
      client_secret: config.clientSecret,
      scope: `${config.managementUrl}/.default`,
    }),
    now,
  });

  return {
    id: 'azure',
    async spend({ entity, months }) {
      const bearer = await accessToken();
      const rows: SpendRow[] = [];
      let url:
        | string
        | undefined = `${config.managementUrl}${config.scope}/providers/Microsoft.CostManagement/query?api-version=${AZURE_COST_API_VERSION}`;
      for (let page = 0; url && page < MAX_PAGES; page++) {
        const response = await fetchUpstream({
          upstream: UPSTREAM,
          url,
          method: 'POST',
          token: bearer,
          timeoutMs: config.timeoutMs,
          body: {
            type: 'ActualCost',
            timeframe: 'Custom',
            timePeriod: {
              from: `${firstDay(months[0])}T00:00:00Z`,
              to: `${dayAfter(months[months.length - 1])}T00:00:00Z`,
            },
            dataset: {
              granularity: 'Monthly',
              aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
              grouping: [{ type: 'TagKey', name: tags.environment }],
              filter: {
                tags: { name: tags.entity, operator: 'In', values: [entity] },
              },
            },
          },
        });
        if (!response.ok) throw await failure(response, 'query');
        const result = await response.json<QueryResult>();
        const columns = (result.properties?.columns ?? []).map(c => c.name);
        const at = (name: string) => columns.indexOf(name);
        const cost = at('Cost') >= 0 ? at('Cost') : at('PreTaxCost');
        const date =
          at('BillingMonth') >= 0 ? at('BillingMonth') : at('UsageDate');
        const tagValue = at('TagValue');
        if (cost < 0 || date < 0 || tagValue < 0) {
          throw new UpstreamUnavailableError(
            `${UPSTREAM} answered without Cost, BillingMonth and TagValue columns (${columns.join(
              ', ',
            )})`,
          );
        }
        for (const row of result.properties?.rows ?? []) {
          const environment = String(row[tagValue] ?? '');
          const month = monthOfCell(row[date]);
          const amount = Number(row[cost]);
          if (
            !environment ||
            !months.includes(month) ||
            !Number.isFinite(amount)
          )
            continue;
          rows.push({
            environment,
            month,
            amount,
            currency: String(row[at('Currency')] ?? 'USD'),
          });
        }
        const next = result.properties?.nextLink ?? undefined;
        // Only a next page on the configured host is followed.
        url =
          next && next.startsWith(`${config.managementUrl}/`)
            ? next
            : undefined;
      }
      return rows;
    },
  };
}
