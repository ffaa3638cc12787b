import { EntityCostResponse, EnvironmentCost } from '@forja/plugin-cost-common';
import { mergeSources, priceFreshness } from '@forja/plugin-cost-node';

/**
 * How old the prices of a total are: the oldest retrieval date of the environments'
 * estimates, and their sources merged, flagged stale past `maxAgeDays`.
 */
export function pricesOf(
  environments: EnvironmentCost[],
  options: { maxAgeDays: number; now?: Date },
): Pick<EntityCostResponse, 'pricesRetrievedAt' | 'priceFreshness'> {
  const estimates = environments.flatMap(e => (e.estimate ? [e.estimate] : []));
  return {
    pricesRetrievedAt: estimates
      .map(e => e.pricesRetrievedAt)
      .filter((d): d is string => !!d)
      .sort()[0],
    priceFreshness: priceFreshness(
      mergeSources(estimates.map(e => e.priceSources ?? [])),
      options,
    ),
  };
}
