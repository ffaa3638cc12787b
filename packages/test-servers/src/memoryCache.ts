/**
 * A Backstage CacheService over a Map, what the backend's memory store does without
 * expiry, for tests that need a cache whose values they can see being shared. Typed
 * structurally, so this package needs no backend dependency.
 */
export interface MemoryCache {
  get(key: string): Promise<never>;
  set(key: string, value: unknown, options?: unknown): Promise<void>;
  delete(key: string): Promise<void>;
  withOptions(options: unknown): MemoryCache;
}

export function memoryCache(): MemoryCache {
  const entries = new Map<string, unknown>();
  const cache: MemoryCache = {
    get: async key => entries.get(key) as never,
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async key => {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}
