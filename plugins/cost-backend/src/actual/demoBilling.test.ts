import { ConfigReader } from '@backstage/config';
import type { JsonObject } from '@backstage/types';
import { startDemoBilling } from '@forja/test-servers';
import { readActualCostConfig } from './config';
import { createConfiguredSources } from './configuredSources';
import { lastFullMonths } from './months';

/**
 * The demo's `cost.actual` (what `./forja start --demo` and the e2e tests run the portal
 * with) read through the real sources: every source connects from the backend's config
 * alone, and each of the demo's cloud resources is billed by the one cloud it is on.
 */
describe("the demo's billing", () => {
  it('connects the four sources and reads each entity from its cloud only', async () => {
    const billing = await startDemoBilling();
    try {
      const config = readActualCostConfig(
        new ConfigReader({ cost: { actual: billing.config as JsonObject } }),
      );
      const sources = createConfiguredSources(config);
      expect(sources.map(s => s.id)).toEqual([
        'opencost',
        'aws',
        'azure',
        'gcp',
      ]);
      const months = lastFullMonths(new Date(), 6);
      const lastMonth = async (
        id: string,
        entity: string,
        environment: string,
      ) =>
        (await sources.find(s => s.id === id)!.spend({ entity, months }))
          .filter(r => r.environment === environment && r.month === months[5])
          .map(r => `${r.amount.toFixed(2)} ${r.currency}`);

      expect(await lastMonth('aws', 'video-prod-cluster', 'prod')).toEqual([
        '611.70 USD',
      ]);
      expect(await lastMonth('azure', 'hubs-prod-postgres', 'prod')).toEqual([
        '274.90 USD',
      ]);
      // Cloud SQL's $341.00 less its committed use discount.
      expect(await lastMonth('gcp', 'gcpdemo-prod-postgres', 'prod')).toEqual([
        '328.50 USD',
      ]);
      for (const [id, entity] of [
        ['aws', 'hubs-prod-postgres'],
        ['azure', 'gcpdemo-prod-postgres'],
        ['gcp', 'video-prod-cluster'],
        ['opencost', 'video-prod-cluster'],
      ]) {
        expect(await lastMonth(id, entity, 'prod')).toEqual([]);
      }
      // The tokens the backend signed in with were the doubles' own.
      expect(billing.azure.tokensIssued).toBe(1);
      expect(billing.bigquery.queries).toHaveLength(2);
    } finally {
      await billing.close();
    }
  });
});
