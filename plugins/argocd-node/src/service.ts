import {
  CacheService,
  coreServices,
  createServiceFactory,
  createServiceRef,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { NotFoundError } from '@backstage/errors';
import {
  cacheStoreIsShared,
  CachedValue,
  createSwrCache,
  SwrCache,
} from '@forja/plugin-forja-node';
import { RevisionMetadata } from '@forja/plugin-argocd-common';
import { ArgoCdApplication, ArgoCdClient } from './client';
import { ArgoCdConfig, readArgoCdConfig } from './config';
import { listedApplication } from './listedApplication';

/** Which applications of an instance to list; every field is optional, `{}` lists all. */
export interface ApplicationQuery {
  name?: string;
  selector?: string;
  project?: string;
  appNamespace?: string;
}

/** A commit's metadata does not change: cached for a day when the revision is a commit SHA. */
const COMMIT_SHA = /^([0-9a-f]{40}|[0-9a-f]{64})$/;
const DAY_MS = 24 * 60 * 60_000;

export interface ArgoCdService {
  readonly config: ArgoCdConfig;
  /** The client of a configured instance (uncached calls); undefined for any other name. */
  client(instance: string): ArgoCdClient | undefined;
  /**
   * The instance's applications matching a query, as lists keep them (listedApplication:
   * the resources out of sync, the last deployment), cached stale-while-revalidate and
   * coalesced (concurrent callers share one request). Throws NotFoundError for an
   * instance that is not configured.
   */
  applications(
    instance: string,
    query?: ApplicationQuery,
  ): Promise<CachedValue<ArgoCdApplication[]>>;
  /** Commit message and author of a revision; a commit SHA's are kept for a day. */
  revisionMetadata(
    instance: string,
    app: string,
    revision: string,
    appNamespace?: string,
  ): Promise<RevisionMetadata>;
  /** After a write (sync, refresh): forgets the query's list and the list of all applications. */
  forgetApplications(instance: string, query?: ApplicationQuery): Promise<void>;
}

/** The cache keys of the service, in one place. */
const keys = {
  applications: (instance: string, query: ApplicationQuery) =>
    `argocd:list:${instance}:${JSON.stringify({
      name: query.name,
      selector: query.selector,
      project: query.project,
      appNamespace: query.appNamespace,
    })}`,
  revision: (instance: string, app: string, revision: string) =>
    `argocd:revision:${instance}:${app}:${revision}`,
};

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
  const cache: SwrCache = createSwrCache({
    cache: options.cache,
    logger: options.logger,
    shared: cacheStoreIsShared(options.config),
    periods: {
      freshMs: argocdConfig.cacheFreshMs,
      ttlMs: argocdConfig.cacheStaleMs,
    },
  });
  const clientOf = (instance: string) => {
    const client = clients.get(instance);
    if (!client)
      throw new NotFoundError(
        `no Argo CD instance named ${instance} is configured`,
      );
    return client;
  };

  return {
    config: argocdConfig,
    client: instance => clients.get(instance),
    applications: async (instance, query = {}) => {
      const client = clientOf(instance);
      return cache.cached(keys.applications(instance, query), async () =>
        (await client.listApplications(query)).map(listedApplication),
      );
    },
    revisionMetadata: async (instance, app, revision, appNamespace) => {
      const client = clientOf(instance);
      const { value } = await cache.cached(
        keys.revision(instance, app, revision),
        () => client.getRevisionMetadata(app, revision, appNamespace),
        COMMIT_SHA.test(revision) ? { freshMs: DAY_MS, ttlMs: DAY_MS } : {},
      );
      return value;
    },
    forgetApplications: async (instance, query = {}) => {
      await Promise.all([
        cache.invalidate(keys.applications(instance, query)),
        cache.invalidate(keys.applications(instance, {})),
      ]);
    },
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
