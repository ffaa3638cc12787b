import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { notificationService } from '@backstage/plugin-notifications-node';
import { signalsServiceRef } from '@backstage/plugin-signals-node';
import {
  cacheStoreIsShared,
  createEntityAuthorizer,
  createSwrCache,
  readTerraformModulesConfig,
} from '@forja/plugin-forja-node';
import { overviewPermissions } from '@forja/plugin-overview-common';
import { registerOverviewActions } from './actions';
import { readOverviewConfig } from './config';
import { createOverlayReader } from './overlays';
import { createOverviewService } from './overview';
import { createPluginCall } from './pluginClient';
import { startOwnerNotifications } from './notifications/start';
import { createPromoter } from './promote';
import { createRollbacker } from './rollback';
import { createTemplateUpgrader } from './upgrade/templateUpgrader';
import { createRouter } from './router';

/**
 * The on-call overview of the portal, a system or a group, built from the Argo CD,
 * Kubernetes, Grafana and cost backends; and one entity across its environments.
 */
export const overviewPlugin = createBackendPlugin({
  pluginId: 'overview',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        cache: coreServices.cache,
        discovery: coreServices.discovery,
        reader: coreServices.urlReader,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
        database: coreServices.database,
        scheduler: coreServices.scheduler,
        notifications: notificationService,
        signals: signalsServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(overviewPermissions);
        const config = readOverviewConfig(deps.config);
        const call = createPluginCall({
          ...deps,
          maxResponseBytes: config.maxResponseBytes,
        });
        const overview = createOverviewService({
          ...deps,
          config,
          call,
          cache: createSwrCache({
            cache: deps.cache,
            logger: deps.logger,
            periods: { freshMs: config.freshMs, ttlMs: config.staleMs },
            shared: cacheStoreIsShared(deps.config),
          }),
        });
        const integrations = ScmIntegrations.fromConfig(deps.config);
        // Owners hear about their entities' trouble and pull requests (off unless enabled).
        const { promoter, rollbacker } = await startOwnerNotifications({
          ...deps,
          overviewConfig: config,
          call,
          integrations,
          promoter: createPromoter({ integrations }),
          rollbacker: createRollbacker({ integrations }),
        });
        const upgrader = createTemplateUpgrader({
          integrations,
          catalog: deps.catalog,
          reader: deps.reader,
          moduleSource: readTerraformModulesConfig(deps.config),
        });
        // One authorizer (and entity cache) for the routes and the actions.
        const authorize = createEntityAuthorizer(deps);
        deps.httpRouter.use(
          await createRouter({
            ...deps,
            authorize,
            overview,
            overlays: createOverlayReader(deps.reader, config.freshMs),
            promoter,
            rollbacker,
            upgrader,
          }),
        );
        registerOverviewActions({
          ...deps,
          authorize,
          overview,
          promoter,
          rollbacker,
          upgrader,
        });
      },
    });
  },
});
