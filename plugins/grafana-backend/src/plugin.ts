import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { cacheStoreIsShared, createSwrCache } from '@forja/plugin-forja-node';
import {
  GRAFANA_PLUGIN_ID,
  grafanaPermissions,
} from '@forja/plugin-grafana-common';
import { GrafanaClient } from './client';
import { readGrafanaConfig } from './config';
import { createRouter } from './router';
import { createEntityGrafanaService } from './service';

/** Grafana dashboards, alerts and panel data per catalog entity. */
export const grafanaPlugin = createBackendPlugin({
  pluginId: GRAFANA_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(grafanaPermissions);
        const config = readGrafanaConfig(deps.config);
        const clients = new Map(
          config.hosts.map(host => [
            host.id,
            new GrafanaClient(host, {
              timeoutMs: config.requestTimeoutMs,
              maxConcurrentRequests: config.maxConcurrentRequests,
              searchPageSize: config.searchPageSize,
              searchMaxPages: config.searchMaxPages,
              maxResponseBytes: config.maxResponseBytes,
            }),
          ]),
        );
        const grafana = createEntityGrafanaService({
          config,
          clients,
          cache: createSwrCache({
            cache: deps.cache,
            logger: deps.logger,
            shared: cacheStoreIsShared(deps.config),
            periods: {
              freshMs: config.cacheFreshMs,
              ttlMs: config.cacheStaleMs,
            },
          }),
        });
        deps.httpRouter.use(await createRouter({ ...deps, grafana }));
        deps.logger.info(
          `Grafana hosts: ${
            config.hosts.map(h => h.id).join(', ') || 'none configured'
          }`,
        );
      },
    });
  },
});
