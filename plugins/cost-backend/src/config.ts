import { Config } from '@backstage/config';
import { DEFAULT_MAX_PRICE_AGE_DAYS } from '@forja/plugin-cost-node';
import {
  readTerraformModulesConfig,
  TerraformModulesConfig,
} from '@forja/plugin-forja-node';
import path from 'node:path';

export interface CostConfig {
  /** Forja's module repository (`forja.terraformModules`), shared with the scaffolder module. */
  modules: TerraformModulesConfig;
  /** Further module repositories with a local copy (`cost.moduleRepositories`), by URL. */
  moduleRepositories: Record<string, string>;
  pricingCatalog?: string;
  maxPriceAgeDays: number;
  revalidateMs: number;
  maxConcurrentEstimates: number;
  maxCachedEstimates: number;
}

export function readCostConfig(config: Config): CostConfig {
  const cost = config.getOptionalConfig('cost');
  const moduleRepositories: Record<string, string> = {};
  for (const entry of cost?.getOptionalConfigArray('moduleRepositories') ??
    []) {
    moduleRepositories[entry.getString('url')] = path.resolve(
      entry.getString('path'),
    );
  }
  return {
    modules: readTerraformModulesConfig(config),
    moduleRepositories,
    pricingCatalog: cost?.getOptionalString('pricingCatalog'),
    maxPriceAgeDays:
      cost?.getOptionalNumber('maxPriceAgeDays') ?? DEFAULT_MAX_PRICE_AGE_DAYS,
    revalidateMs: (cost?.getOptionalNumber('revalidateSeconds') ?? 30) * 1000,
    maxConcurrentEstimates:
      cost?.getOptionalNumber('maxConcurrentEstimates') ?? 2,
    maxCachedEstimates: cost?.getOptionalNumber('maxCachedEstimates') ?? 500,
  };
}
