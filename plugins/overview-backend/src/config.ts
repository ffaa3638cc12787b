import { Config } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { readDurationMs } from '@forja/plugin-forja-node';
import { KubernetesPaging } from './kubernetesPages';

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
  /** How the Kubernetes lists are read: pages of `pageSize`, `maxItems` per list at most. */
  kubernetesPaging: KubernetesPaging;
}

/**
 * The other backends answer for every component at once: 500 components in three
 * environments are about 2 MB from Argo CD, so 10,000 fit with room.
 */
export const DEFAULT_OVERVIEW_MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/**
 * Pods per page of a Kubernetes list, as kubectl asks: 500 pods are about 1 MB of JSON,
 * parsed in a few milliseconds.
 */
export const DEFAULT_KUBERNETES_PAGE_SIZE = 500;
/**
 * Items one Kubernetes list may have (labelled pods of a cluster): ten times the scale
 * benchmark's largest cluster, short of Kubernetes' own 150,000 pods per cluster.
 */
export const DEFAULT_KUBERNETES_MAX_LIST_ITEMS = 100_000;

function positiveInteger(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a positive whole number, got ${value}`);
  }
  return value;
}

export function readOverviewConfig(config: Config): OverviewConfig {
  const overview = config.getOptionalConfig('overview');
  // A duration (`30s`, `PT30S`, `{ seconds: 30 }`), else its deprecated number of seconds.
  const duration = (key: string, old: string, defaultValue: HumanDuration) =>
    readDurationMs(config, `overview.${key}`, {
      deprecated: { key: `overview.${old}`, unit: 'seconds' },
      defaultValue,
    });
  const clusters = overview?.getOptionalConfig('clusterEnvironments');
  return {
    freshMs: duration('cacheFresh', 'cacheSeconds', { seconds: 30 }),
    staleMs: duration('cacheStale', 'staleSeconds', { minutes: 10 }),
    sourceTimeoutMs: duration('sourceTimeout', 'sourceTimeoutSeconds', {
      seconds: 5,
    }),
    costTimeoutMs: duration('costTimeout', 'costTimeoutSeconds', {
      seconds: 20,
    }),
    firstAnswerMs: duration('firstAnswerWait', 'firstAnswerSeconds', {
      milliseconds: 500,
    }),
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
    kubernetesPaging: {
      pageSize: positiveInteger(
        overview?.getOptionalNumber('kubernetesPageSize') ??
          DEFAULT_KUBERNETES_PAGE_SIZE,
        'overview.kubernetesPageSize',
      ),
      maxItems: positiveInteger(
        overview?.getOptionalNumber('kubernetesMaxListItems') ??
          DEFAULT_KUBERNETES_MAX_LIST_ITEMS,
        'overview.kubernetesMaxListItems',
      ),
    },
  };
}
