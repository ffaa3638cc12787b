import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import { createRegisterAction } from './actions/register/createRegisterAction';
import { createPublishAction } from './actions/publish/createPublishAction';
import { createRenderAction } from './actions/render/createRenderAction';
import { createValidateAction } from './actions/validate/createValidateAction';
import { createCostEstimateAction } from './actions/cost/createCostEstimateAction';
import { loadCatalog } from '@forja/plugin-cost-node';
import { createTerraformModuleRepositories } from '@forja/plugin-forja-node';
import { readForjaScaffolderConfig } from './config';

/**
 * Registers forja:render, forja:validate, forja:cost:estimate, forja:github:publish and
 * forja:catalog:register with the scaffolder.
 */
export const scaffolderModuleForja = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'forja',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        config: coreServices.rootConfig,
        reader: coreServices.urlReader,
        auth: coreServices.auth,
        catalog: catalogServiceRef,
        logger: coreServices.logger,
      },
      async init({ scaffolder, config, reader, auth, catalog, logger }) {
        const forjaConfig = readForjaScaffolderConfig(config);
        const integrations = ScmIntegrations.fromConfig(config);
        const modules = createTerraformModuleRepositories({
          source: forjaConfig.moduleSource,
          reader,
          logger,
          workingDirectory: config.getOptionalString(
            'backend.workingDirectory',
          ),
        });
        scaffolder.addActions(
          createRenderAction({ reader, integrations, config: forjaConfig }),
          createValidateAction({ modules }),
          createCostEstimateAction({ modules, pricingCatalog: loadCatalog() }),
          createPublishAction({ integrations, ...forjaConfig.publish }),
          createRegisterAction({ catalog, auth, integrations }),
        );
      },
    });
  },
});
