import {
  CacheService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { JsonValue } from '@backstage/types';
import { ArgoCdClient } from './client';
import { ArgoCdConfig, readArgoCdConfig } from './config';

export interface CachedValue<T> {
  value: T;
  /** When the value was read from Argo CD (ISO time). */
  fetchedAt: string;
  /** Served from cache past its fresh period while a refresh runs. */
  stale: boolean;
}

/** Overrides of the configured cache periods, for values that never change (a commit's metadata). */
export interface CacheOptions {
  freshMs?: number;
  ttlMs?: number;
}

export interface ArgoCdService {
  readonly config: ArgoCdConfig;
  /** The client of a configured instance; undefined for any other name. */
  client(instance: string): ArgoCdClient | undefined;
  /**
   * Reads through the Backstage cache: fresh values are served as they are, stale ones are
   * served while one refresh runs in the background, and concurrent misses share one load.
   */
  cached<T extends JsonValue>(
    key: string,
    load: () => Promise<T>,
    options?: CacheOptions,
  ): Promise<CachedValue<T>>;
  /** Forgets a cached read (after a sync or refresh). */
  invalidate(key: string): Promise<void>;
}

type Entry = { value: JsonValue; fetchedAt: number };

export function createArgoCdService(options: {
  config: Config;
  logger: LoggerService;
  cache: CacheService;
}): ArgoCdService {
  const argocdConfig = readArgoCdConfig(options.config);
  const clients = new Map(
    argocdConfig.instances.map(instance => [
      instance.name,
      new ArgoCdClient(instance, {
        logger: options.logger,
        timeoutMs: argocdConfig.requestTimeoutMs,
        maxConcurrentRequests: argocdConfig.maxConcurrentRequests,
      }),
    ]),
  );
  const inFlight = new Map<string, Promise<Entry>>();

  const load = (
    key: string,
    loader: () => Promise<JsonValue>,
    ttl: number,
  ): Promise<Entry> => {
    let pending = inFlight.get(key);
    if (!pending) {
      pending = loader()
        .then(async value => {
          const entry = { value, fetchedAt: Date.now() };
          await options.cache.set(key, entry as unknown as JsonValue, {
            ttl,
          });
          return entry;
        })
        .finally(() => inFlight.delete(key));
      inFlight.set(key, pending);
    }
    return pending;
  };

  return {
    config: argocdConfig,
    client: instance => clients.get(instance),
    async cached<T extends JsonValue>(
      key: string,
      loader: () => Promise<T>,
      periods: CacheOptions = {},
    ) {
      const freshMs = periods.freshMs ?? argocdConfig.cacheFreshMs;
      const ttlMs = periods.ttlMs ?? argocdConfig.cacheStaleMs;
      const hit = (await options.cache.get(key)) as Entry | undefined;
      if (hit) {
        const stale = Date.now() - hit.fetchedAt > freshMs;
        if (stale) {
          load(key, loader, ttlMs).catch(error =>
            options.logger.warn(
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
    invalidate: key => options.cache.delete(key),
  };
}

/** The Argo CD service, shared by the backend plugin and the scaffolder module. */
export const argoCdServiceRef = createServiceRef<ArgoCdService>({
  id: 'forja.argocd',
  scope: 'plugin',
  defaultFactory: async service =>
    createServiceFactory({
      service,
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
      },
      factory: deps => createArgoCdService(deps),
    }),
});
