import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  createEntityAuthorizer,
  createSwrCache,
} from '@forja/plugin-forja-node';
import { overviewPermissions } from '@forja/plugin-overview-common';
import { registerOverviewActions } from './actions';
import { readOverviewConfig } from './config';
import { createOverlayReader } from './overlays';
import { createOverviewService } from './overview';
import { createPluginCall } from './pluginClient';
import { createPromoter } from './promote';
import { createTemplateUpgrader } from './upgrade/templateUpgrader';
import { readTerraformModulesConfig } from '@forja/plugin-forja-node';
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
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(overviewPermissions);
        const config = readOverviewConfig(deps.config);
        const overview = createOverviewService({
          ...deps,
          config,
          call: createPluginCall({
            ...deps,
            maxResponseBytes: config.maxResponseBytes,
          }),
          cache: createSwrCache({
            cache: deps.cache,
            logger: deps.logger,
            periods: { freshMs: config.freshMs, ttlMs: config.staleMs },
          }),
        });
        const integrations = ScmIntegrations.fromConfig(deps.config);
        const promoter = createPromoter({ integrations });
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
            upgrader,
          }),
        );
        registerOverviewActions({
          ...deps,
          authorize,
          overview,
          promoter,
          upgrader,
        });
      },
    });
  },
});
