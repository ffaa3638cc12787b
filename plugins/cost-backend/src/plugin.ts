import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { costPermissions } from '@forja/plugin-cost-common';
import { loadCatalog } from '@forja/plugin-cost-node';
import {
  cacheStoreIsShared,
  createEntityAuthorizer,
  createSwrCache,
  createTerraformModuleRepositories,
} from '@forja/plugin-forja-node';
import { registerCostActions } from './actions';
import { createActualCostService } from './actual/actualCost';
import { readActualCostConfig } from './actual/config';
import { createConfiguredSources } from './actual/configuredSources';
import { readCostConfig } from './config';
import { createRouter } from './router';
import { createEntityCostService } from './service';

/** Monthly cost estimates per catalog entity, environment, system and group. */
export const costPlugin = createBackendPlugin({
  pluginId: 'cost',
  register(env) {
    env.registerInit({
      deps: {
        config: coreServices.rootConfig,
        logger: coreServices.logger,
        reader: coreServices.urlReader,
        cache: coreServices.cache,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        catalog: catalogServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init(deps) {
        deps.permissionsRegistry.addPermissions(costPermissions);
        const config = readCostConfig(deps.config);
        const pricingCatalog = loadCatalog(config.pricingCatalog);
        const modules = createTerraformModuleRepositories({
          source: config.modules,
          local: config.moduleRepositories,
          reader: deps.reader,
          logger: deps.logger,
          workingDirectory: deps.config.getOptionalString(
            'backend.workingDirectory',
          ),
        });
        const costs = createEntityCostService({
          ...deps,
          config,
          modules,
          pricingCatalog,
        });
        const actualConfig = readActualCostConfig(deps.config);
        const actual = createActualCostService({
          ...deps,
          config: actualConfig,
          sources: createConfiguredSources(actualConfig),
          estimates: costs,
          // Periods are given per read (a day); these are the defaults.
          cache: createSwrCache({
            cache: deps.cache,
            logger: deps.logger,
            shared: cacheStoreIsShared(deps.config),
            periods: { freshMs: 86_400_000, ttlMs: 86_400_000 },
          }),
        });
        // One authorizer (and entity cache) for the route and the action.
        const authorize = createEntityAuthorizer(deps);
        deps.httpRouter.use(
          await createRouter({ ...deps, authorize, costs, actual }),
        );
        registerCostActions({ ...deps, authorize, costs });
        deps.logger.info(`Pricing catalog ${pricingCatalog.version}`);
      },
    });
  },
});
