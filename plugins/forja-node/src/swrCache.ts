import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { randomUUID } from 'node:crypto';
import { JsonValue } from '@backstage/types';
import { createGuardedStore } from './guardedStore';
import { JsonCompatible, toJsonValue } from './jsonCompatible';
import { LruMap } from './lruMap';

export interface CachedValue<T> {
  value: T;
  /** When the value was read from the upstream (ISO time). */
  fetchedAt: string;
  /** Served from cache past its fresh period while a refresh runs. */
  stale: boolean;
}

/** Cache periods in milliseconds: fresh values are served as they are, stale ones until ttl. */
export interface CachePeriods {
  freshMs: number;
  ttlMs: number;
}

export interface SwrCache {
  /**
   * Reads through the Backstage cache: fresh values are served as they are, stale ones are
   * served while one refresh runs in the background, and concurrent misses share one load.
   * Failures are never cached. Values are shared between callers: never mutate one. A
   * cache store that fails or hangs (Redis down) costs a direct read and a warning, never
   * the request. The loaded value must be plain JSON data (typed interfaces are fine).
   */
  cached<T>(
    key: string,
    load: () => Promise<T & JsonCompatible<T>>,
    periods?: Partial<CachePeriods>,
  ): Promise<CachedValue<T>>;
  /** Forgets a cached read (after a write upstream); a failing store is only logged. */
  invalidate(key: string): Promise<void>;
}

type Entry = { value: JsonValue; fetchedAt: number };

/** Parsed entries kept in this process, in front of the cache service (least recently read go first). */
export const LOCAL_ENTRIES = 2000;

/** Cache stores several backend replicas share (`backend.cache.store`); memory is per process. */
const SHARED_STORES = ['redis', 'valkey', 'memcache'];

/** Whether the backend's cache store is shared by its replicas (Redis, Valkey, memcache). */
export const cacheStoreIsShared = (config: Config) =>
  SHARED_STORES.includes(
    config.getOptionalString('backend.cache.store') ?? 'memory',
  );

/** How long a replica's claim to load a key lasts at most (given back when its load ends). */
const LEASE_MS = 30_000;
/** Claims written within this of each other settle on one: the last one written loads. */
const LEASE_SETTLE_MS = 50;
const LEASE_POLL_MS = 100;

const sleep = (ms: number) => new Promise(r => setTimeout(r, ms));

export function createSwrCache(options: {
  cache: CacheService;
  logger: LoggerService;
  periods: CachePeriods;
  /** Time limit and rest after a failure of the cache store (see createGuardedStore). */
  store?: { timeoutMs?: number; retryAfterMs?: number };
  /**
   * The store is shared by several replicas (see cacheStoreIsShared): a key missed or
   * stale everywhere is loaded by one replica, the others take its value from the store.
   */
  shared?: boolean | { leaseMs?: number; settleMs?: number };
}): SwrCache {
  const { logger } = options;
  const lease = options.shared
    ? {
        leaseMs: LEASE_MS,
        settleMs: LEASE_SETTLE_MS,
        ...(options.shared === true ? {} : options.shared),
      }
    : undefined;
  const store = createGuardedStore({
    cache: options.cache,
    logger,
    ...options.store,
  });
  const inFlight = new Map<string, Promise<Entry>>();
  // The cache service hands out a fresh deserialized copy per read; for large values
  // (a Grafana search, data frames) that copy costs more than the rest of the request.
  const local = new LruMap<string, Entry & { expiresAt: number }>(
    LOCAL_ENTRIES,
  );
  const remember = (key: string, entry: Entry, ttl: number) => {
    local.set(key, { ...entry, expiresAt: entry.fetchedAt + ttl });
  };

  // Concurrent reads of one key past its local copy share one read of the cache service
  // (a bulk route asks for the same key once per entity; each read deserializes it).
  const reading = new Map<string, Promise<Entry | undefined>>();
  const lookup = (key: string): Promise<Entry | undefined> => {
    const hit = local.get(key);
    if (hit && hit.expiresAt > Date.now()) return Promise.resolve(hit);
    if (hit) local.delete(key);
    let pending = reading.get(key);
    if (!pending) {
      pending = store
        .read(key)
        .then(value => value as Entry | undefined)
        .finally(() => reading.delete(key));
      reading.set(key, pending);
    }
    return pending;
  };

  const loadHere = async <T>(
    key: string,
    loader: () => Promise<T & JsonCompatible<T>>,
    ttl: number,
  ): Promise<Entry> => {
    const entry: Entry = {
      value: toJsonValue(await loader()),
      fetchedAt: Date.now(),
    };
    await store.write(key, entry, ttl);
    remember(key, entry, ttl);
    return entry;
  };

  /**
   * One load for every replica sharing the store: a replica claims the key (`lease:<key>`
   * holding its token), waits for claims written at the same moment to settle, and loads
   * when the claim that stayed is its own; the others wait until the claim is given back
   * and take the value stored, newer than `newerThan`. A claimant that fails stores
   * nothing: its waiters load themselves. A store that fails or rests holds no claim:
   * each replica loads on its own, as without replicas.
   */
  const sharedLoad = async <T>(
    key: string,
    loader: () => Promise<T & JsonCompatible<T>>,
    ttl: number,
    newerThan: number,
  ): Promise<Entry> => {
    if (!lease) return loadHere(key, loader, ttl);
    const leaseKey = `lease:${key}`;
    let holder = await store.read(leaseKey);
    if (holder === undefined) {
      const token = randomUUID();
      await store.write(leaseKey, token, lease.leaseMs);
      await sleep(lease.settleMs);
      holder = await store.read(leaseKey);
      if (holder === undefined || holder === token) {
        try {
          return await loadHere(key, loader, ttl);
        } finally {
          await store.delete(leaseKey);
        }
      }
    }
    const deadline = Date.now() + lease.leaseMs;
    while (Date.now() < deadline && (await store.read(leaseKey)) !== undefined)
      await sleep(LEASE_POLL_MS);
    const stored = (await store.read(key)) as Entry | undefined;
    if (stored && stored.fetchedAt > newerThan) {
      remember(key, stored, ttl);
      return stored;
    }
    return loadHere(key, loader, ttl);
  };

  const load = <T>(
    key: string,
    loader: () => Promise<T & JsonCompatible<T>>,
    ttl: number,
    newerThan = 0,
  ): Promise<Entry> => {
    let pending = inFlight.get(key);
    if (!pending) {
      pending = sharedLoad(key, loader, ttl, newerThan).finally(() =>
        inFlight.delete(key),
      );
      inFlight.set(key, pending);
    }
    return pending;
  };

  return {
    async cached<T>(
      key: string,
      loader: () => Promise<T & JsonCompatible<T>>,
      periods: Partial<CachePeriods> = {},
    ) {
      const freshMs = periods.freshMs ?? options.periods.freshMs;
      const ttlMs = periods.ttlMs ?? options.periods.ttlMs;
      const hit = await lookup(key);
      if (hit) {
        if (!local.has(key)) remember(key, hit, ttlMs);
        const stale = Date.now() - hit.fetchedAt > freshMs;
        if (stale) {
          load(key, loader, ttlMs, hit.fetchedAt).catch(error =>
            logger.warn(
              `background refresh of ${key} failed: ${error.message}`,
            ),
          );
        }
        return {
          value: hit.value as T,
          fetchedAt: new Date(hit.fetchedAt).toISOString(),
          stale,
        };
      }
      const entry = await load(key, loader, ttlMs);
      return {
        value: entry.value as T,
        fetchedAt: new Date(entry.fetchedAt).toISOString(),
        stale: false,
      };
    },
    invalidate: async key => {
      local.delete(key);
      await store.delete(key);
    },
  };
}
