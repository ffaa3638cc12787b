import { Estimate } from '@forja/plugin-cost-node';

/** A priced estimate with a total, its price sources' dates and node pools: for unit tests. */
export function testEstimate(
  totalMonthlyCost: string,
  options: {
    retrievedAt?: string[];
    nodePools?: NonNullable<Estimate['projects'][number]['nodePools']>;
  } = {},
): Estimate {
  const priceSources = (options.retrievedAt ?? []).map(date => ({
    id: `prices-${date}`,
    retrievedAt: date,
    components: 1,
  }));
  return {
    version: '0.2',
    currency: 'USD',
    totalMonthlyCost,
    projects: [
      {
        name: 'test',
        breakdown: { resources: [], totalMonthlyCost },
        nodePools: options.nodePools,
      },
    ],
    coverage: {
      unsupportedResources: [],
      missingPrices: [],
      missingUsage: [],
      assumedUsage: [],
      freeResources: 0,
      problems: [],
    },
    pricesRetrievedAt: priceSources.map(s => s.retrievedAt).sort()[0],
    priceSources,
    pricingCatalogVersion: 'test',
  };
}
