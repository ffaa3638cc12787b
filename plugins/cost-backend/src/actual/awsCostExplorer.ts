import {
  CostExplorerClient,
  GetCostAndUsageCommand,
  GetCostAndUsageCommandOutput,
} from '@aws-sdk/client-cost-explorer';
import { ACTUAL_COST_TAGS } from '@forja/plugin-cost-common';
import {
  UpstreamCredentialsRejectedError,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { AwsCostExplorerConfig } from './config';
import { dayAfter, firstDay } from './months';
import { ActualCostSource, SpendRow } from './source';

/** Pages of GetCostAndUsage read at most (one page holds the months of a few environments). */
const MAX_PAGES = 10;
const REJECTED = new Set([
  'UnrecognizedClientException',
  'InvalidSignatureException',
  'AccessDeniedException',
  'ExpiredTokenException',
  'InvalidClientTokenId',
]);

/**
 * Cloud resources' spend from AWS Cost Explorer (`GetCostAndUsage`, SigV4 by the SDK):
 * monthly `UnblendedCost` of the resources whose cost allocation tag `forja.dev/entity`
 * equals the entity's name, grouped by the tag `forja.dev/environment`. The name is sent
 * as a tag value in the JSON filter, never as an expression.
 */
export function createAwsCostExplorerSource(
  config: AwsCostExplorerConfig,
): ActualCostSource {
  const client = new CostExplorerClient({
    region: config.region,
    endpoint: config.endpoint,
    credentials: {
      accessKeyId: config.accessKeyId,
      secretAccessKey: config.secretAccessKey,
      sessionToken: config.sessionToken,
    },
    maxAttempts: 1,
  });
  const tags = ACTUAL_COST_TAGS.aws;
  return {
    id: 'aws',
    async spend({ entity, months }) {
      const rows: SpendRow[] = [];
      let nextPageToken: string | undefined;
      for (let page = 0; page < MAX_PAGES; page++) {
        let output: GetCostAndUsageCommandOutput;
        try {
          output = await client.send(
            new GetCostAndUsageCommand({
              TimePeriod: {
                Start: firstDay(months[0]),
                End: dayAfter(months[months.length - 1]),
              },
              Granularity: 'MONTHLY',
              Metrics: ['UnblendedCost'],
              Filter: {
                Tags: {
                  Key: tags.entity,
                  Values: [entity],
                  MatchOptions: ['EQUALS'],
                },
              },
              GroupBy: [{ Type: 'TAG', Key: tags.environment }],
              NextPageToken: nextPageToken,
            }),
            { abortSignal: AbortSignal.timeout(config.timeoutMs) },
          );
        } catch (error) {
          const name = (error as Error).name;
          if (REJECTED.has(name)) {
            throw new UpstreamCredentialsRejectedError(
              `credentials rejected by AWS Cost Explorer (${name})`,
            );
          }
          throw new UpstreamUnavailableError(
            `AWS Cost Explorer is unavailable: ${
              name === 'AbortError' || name === 'TimeoutError'
                ? `no answer within ${config.timeoutMs / 1000} s`
                : (error as Error).message
            }`,
          );
        }
        for (const result of output.ResultsByTime ?? []) {
          const month = String(result.TimePeriod?.Start ?? '').slice(0, 7);
          if (!months.includes(month)) continue;
          for (const group of result.Groups ?? []) {
            // Tag groups are keyed `<tag key>$<value>`; `$` alone is spend without the tag.
            const key = group.Keys?.[0] ?? '';
            const environment = key.slice(key.indexOf('$') + 1);
            const metric = group.Metrics?.UnblendedCost;
            const amount = Number(metric?.Amount);
            if (!environment || !Number.isFinite(amount)) continue;
            rows.push({
              environment,
              month,
              amount,
              currency: metric?.Unit ?? 'USD',
            });
          }
        }
        nextPageToken = output.NextPageToken;
        if (!nextPageToken) break;
      }
      return rows;
    },
  };
}
