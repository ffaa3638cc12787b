import {
  CacheService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { createSwrCache, SwrCache } from '@forja/plugin-forja-node';
import { ArgoCdClient } from './client';
import { ArgoCdConfig, readArgoCdConfig } from './config';

export interface ArgoCdService {
  readonly config: ArgoCdConfig;
  /** The client of a configured instance; undefined for any other name. */
  client(instance: string): ArgoCdClient | undefined;
  /** Argo CD reads, coalesced and cached stale-while-revalidate. */
  cache: SwrCache;
}

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
        maxResponseBytes: argocdConfig.maxResponseBytes,
      }),
    ]),
  );
  return {
    config: argocdConfig,
    client: instance => clients.get(instance),
    cache: createSwrCache({
      cache: options.cache,
      logger: options.logger,
      periods: {
        freshMs: argocdConfig.cacheFreshMs,
        ttlMs: argocdConfig.cacheStaleMs,
      },
    }),
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
