import { sourceKey, SourceLocation } from '@forja/plugin-forja-node';
import { GuardedStore } from '@forja/plugin-forja-node';
import { Part } from './part';
import { SourceReader, SourceRevision } from './sourceReader';

/** How long replicas share an estimate of one source revision. */
export const SHARED_TTL_MS = 24 * 60 * 60 * 1000;

export interface EstimateCache {
  /**
   * The estimate `key` of the source's revision `entry`: reused while the revision is
   * unchanged (concurrent callers share one computation), else taken from the shared store
   * (another replica made it), else computed and shared. A failed estimate, or an error
   * (turned into a part by `failed`), is never kept.
   */
  estimate(
    source: SourceLocation,
    entry: SourceRevision<Promise<Part>>,
    key: string,
    compute: () => Promise<Part>,
    failed: (message: string) => Part,
  ): Promise<Part>;
}

/** Estimates by source revision, at most `maxEstimates` kept in this process. */
export function createEstimateCache(options: {
  sources: SourceReader<Promise<Part>>;
  /** Shared by the backend's replicas (Redis in production). */
  store: GuardedStore;
  maxEstimates: number;
  sharedTtlMs?: number;
}): EstimateCache {
  const { sources, store, maxEstimates } = options;
  const sharedTtlMs = options.sharedTtlMs ?? SHARED_TTL_MS;

  return {
    async estimate(source, entry, key, compute, failed) {
      let result = entry.values.get(key);
      if (!result) {
        // Another replica may have estimated this revision already.
        const sharedKey = `estimate:${sourceKey(source)}|${
          entry.revision
        }|${key}`;
        const computing = (async (): Promise<Part> => {
          const shared = (await store.read(sharedKey)) as Part | undefined;
          if (shared) return shared;
          const computed = await compute();
          if (computed.status === 'ok') {
            await store.write(sharedKey, computed as any, sharedTtlMs);
          }
          return computed;
        })().catch((error): Part => failed((error as Error).message));
        result = computing;
        entry.values.set(key, computing);
        const settled = await computing;
        if (
          settled.status === 'failed' &&
          entry.values.get(key) === computing
        ) {
          entry.values.delete(key);
        }
        sources.evictBeyond(maxEstimates);
      }
      return result;
    },
  };
}
