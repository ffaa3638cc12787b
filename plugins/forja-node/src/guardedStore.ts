import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { JsonValue } from '@backstage/types';

/** A cache store read or write slower than this counts as failed. */
export const STORE_TIMEOUT_MS = 3000;
/** After a failure the store is left alone this long: reads go to the upstreams directly. */
export const STORE_RETRY_AFTER_MS = 10_000;

/** A cache store whose failures cost a miss and a warning, never the caller. */
export interface GuardedStore {
  /** The stored value; undefined when absent, or when the store fails or is resting. */
  read(key: string): Promise<JsonValue | undefined>;
  /** Stores a value; skipped while the store is resting. */
  write(key: string, value: JsonValue, ttl: number): Promise<void>;
  /** Forgets a value; tried even while the store is resting, since a write upstream needs it. */
  delete(key: string): Promise<void>;
}

/**
 * Wraps the Backstage cache service. When its store (Redis, memcache) is down, Backstage's
 * client neither answers nor fails (it queues commands until it reconnects): every
 * operation here has a time limit, and after one failure the store rests for
 * `retryAfterMs`, so requests meanwhile do not each wait for it. One warning per outage.
 */
export function createGuardedStore(options: {
  cache: CacheService;
  logger: LoggerService;
  timeoutMs?: number;
  retryAfterMs?: number;
}): GuardedStore {
  const { cache, logger } = options;
  const timeoutMs = options.timeoutMs ?? STORE_TIMEOUT_MS;
  const retryAfterMs = options.retryAfterMs ?? STORE_RETRY_AFTER_MS;
  let restingUntil = 0;
  const resting = () => Date.now() < restingUntil;

  const failed = (operation: string, key: string, error: unknown) => {
    if (!resting()) {
      logger.warn(
        `cache store ${operation} of ${key} failed (${
          (error as Error)?.message ?? error
        }); reading upstreams directly, without the store, for ${
          retryAfterMs / 1000
        } s`,
      );
    }
    restingUntil = Date.now() + retryAfterMs;
  };

  const guarded = async <T>(
    operation: string,
    key: string,
    run: () => Promise<T>,
  ): Promise<T | undefined> => {
    let timer: NodeJS.Timeout | undefined;
    try {
      return await Promise.race([
        Promise.resolve().then(run),
        new Promise<never>((_, reject) => {
          timer = setTimeout(
            () => reject(new Error(`no answer within ${timeoutMs} ms`)),
            timeoutMs,
          );
        }),
      ]);
    } catch (error) {
      failed(operation, key, error);
      return undefined;
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    read: key =>
      resting()
        ? Promise.resolve(undefined)
        : guarded('read', key, () => cache.get(key)),
    write: async (key, value, ttl) => {
      if (!resting())
        await guarded('write', key, () => cache.set(key, value, { ttl }));
    },
    delete: async key => {
      await guarded('delete', key, () => cache.delete(key));
    },
  };
}
