import { CacheService } from '@backstage/backend-plugin-api';

/** A CacheService over a Map: what the backend's memory store does, without expiry. */
export function memoryCache(): CacheService {
  const entries = new Map<string, unknown>();
  const store: CacheService = {
    get: async key => entries.get(key) as never,
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async key => {
      entries.delete(key);
    },
    withOptions: () => store,
  };
  return store;
}
