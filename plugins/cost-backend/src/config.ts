import { Config } from '@backstage/config';
import { DEFAULT_MAX_PRICE_AGE_DAYS } from '@forja/plugin-cost-node';
import {
  readDurationMs,
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
  /** Days; a fraction when configured as such (`36h`). */
  maxPriceAgeDays: number;
  revalidateMs: number;
  maxConcurrentEstimates: number;
  maxCachedEstimates: number;
}

const DAY_MS = 24 * 60 * 60 * 1000;

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
      readDurationMs(config, 'cost.maxPriceAge', {
        deprecated: { key: 'cost.maxPriceAgeDays', unit: 'days' },
        defaultValue: { days: DEFAULT_MAX_PRICE_AGE_DAYS },
      }) / DAY_MS,
    // 0: the source's revision is checked on every request.
    revalidateMs: readDurationMs(config, 'cost.revalidateAfter', {
      deprecated: { key: 'cost.revalidateSeconds', unit: 'seconds' },
      defaultValue: { seconds: 30 },
      allowZero: true,
    }),
    maxConcurrentEstimates:
      cost?.getOptionalNumber('maxConcurrentEstimates') ?? 2,
    maxCachedEstimates: cost?.getOptionalNumber('maxCachedEstimates') ?? 500,
  };
}
