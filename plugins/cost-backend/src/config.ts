import { Config } from '@backstage/config';
import path from 'node:path';

/** Forja's own repository, whose `terraform/modules` generated environments use. */
export const FORJA_REPOSITORY = 'https://github.com/forja-dev/forja.git';
/** The checkout this backend runs from (plugins/cost-backend/src -> the root). */
const FORJA_CHECKOUT = path.resolve(__dirname, '../../..');

export interface CostConfig {
  moduleRepositories: Record<string, string>;
  pricingCatalog?: string;
  revalidateMs: number;
  maxConcurrentEstimates: number;
  maxCachedEstimates: number;
}

export function readCostConfig(config: Config): CostConfig {
  const cost = config.getOptionalConfig('cost');
  const moduleRepositories: Record<string, string> = {
    [FORJA_REPOSITORY]: FORJA_CHECKOUT,
  };
  for (const entry of cost?.getOptionalConfigArray('moduleRepositories') ??
    []) {
    moduleRepositories[entry.getString('url')] = path.resolve(
      entry.getString('path'),
    );
  }
  return {
    moduleRepositories,
    pricingCatalog: cost?.getOptionalString('pricingCatalog'),
    revalidateMs: (cost?.getOptionalNumber('revalidateSeconds') ?? 30) * 1000,
    maxConcurrentEstimates:
      cost?.getOptionalNumber('maxConcurrentEstimates') ?? 2,
    maxCachedEstimates: cost?.getOptionalNumber('maxCachedEstimates') ?? 500,
  };
}
