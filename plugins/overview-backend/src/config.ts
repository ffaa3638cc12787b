import { Config } from '@backstage/config';

export interface OverviewConfig {
  freshMs: number;
  staleMs: number;
  sourceTimeoutMs: number;
  costTimeoutMs: number;
  maxConcurrentRequests: number;
  clusterEnvironments: Record<string, string>;
}

export function readOverviewConfig(config: Config): OverviewConfig {
  const overview = config.getOptionalConfig('overview');
  const seconds = (key: string, fallback: number) => {
    const value = overview?.getOptionalNumber(key) ?? fallback;
    if (!(value > 0)) throw new Error(`overview.${key} must be positive`);
    return value * 1000;
  };
  const clusters = overview?.getOptionalConfig('clusterEnvironments');
  return {
    freshMs: seconds('cacheSeconds', 30),
    staleMs: seconds('staleSeconds', 600),
    sourceTimeoutMs: seconds('sourceTimeoutSeconds', 5),
    costTimeoutMs: seconds('costTimeoutSeconds', 20),
    maxConcurrentRequests:
      overview?.getOptionalNumber('maxConcurrentRequests') ?? 4,
    clusterEnvironments: Object.fromEntries(
      (clusters?.keys() ?? []).map(name => [name, clusters!.getString(name)]),
    ),
  };
}
