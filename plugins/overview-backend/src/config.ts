import { Config } from '@backstage/config';

export interface OverviewConfig {
  freshMs: number;
  staleMs: number;
  sourceTimeoutMs: number;
  costTimeoutMs: number;
  /** How long an overview waits for a source's first read before answering without it. */
  firstAnswerMs: number;
  maxConcurrentRequests: number;
  /** Largest answer read from another Forja backend. */
  maxResponseBytes: number;
  clusterEnvironments: Record<string, string>;
}

/**
 * The other backends answer for every component at once: 500 components in three
 * environments are about 2 MB from Argo CD, so 10,000 fit with room.
 */
export const DEFAULT_OVERVIEW_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

function positiveInteger(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a positive whole number, got ${value}`);
  }
  return value;
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
    firstAnswerMs: seconds('firstAnswerSeconds', 0.5),
    maxConcurrentRequests:
      overview?.getOptionalNumber('maxConcurrentRequests') ?? 4,
    maxResponseBytes: positiveInteger(
      overview?.getOptionalNumber('maxResponseBytes') ??
        DEFAULT_OVERVIEW_MAX_RESPONSE_BYTES,
      'overview.maxResponseBytes',
    ),
    clusterEnvironments: Object.fromEntries(
      (clusters?.keys() ?? []).map(name => [name, clusters!.getString(name)]),
    ),
  };
}
