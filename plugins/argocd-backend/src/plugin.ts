import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import { actionsRegistryServiceRef } from '@backstage/backend-plugin-api/alpha';
import { catalogServiceRef } from '@backstage/plugin-catalog-node';
import {
  ARGOCD_PLUGIN_ID,
  argocdPermissions,
} from '@forja/plugin-argocd-common';
import { argoCdServiceRef } from '@forja/plugin-argocd-node';
import { createEntityAuthorizer } from '@forja/plugin-forja-node';
import { registerArgoCdActions } from './actions';
import { createRouter } from './router';
import { createApplicationOwnership } from './services/applicationOwnership';
import { createEntityApplicationsService } from './services/createEntityApplicationsService';

/** Argo CD sync, health and history per catalog entity, and permissioned sync and refresh. */
export const argocdPlugin = createBackendPlugin({
  pluginId: ARGOCD_PLUGIN_ID,
  register(env) {
    env.registerInit({
      deps: {
        logger: coreServices.logger,
        httpRouter: coreServices.httpRouter,
        httpAuth: coreServices.httpAuth,
        auth: coreServices.auth,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
        auditor: coreServices.auditor,
        catalog: catalogServiceRef,
        argocd: argoCdServiceRef,
        actionsRegistry: actionsRegistryServiceRef,
      },
      async init({
        logger,
        httpRouter,
        httpAuth,
        auth,
        permissions,
        permissionsRegistry,
        auditor,
        catalog,
        argocd,
        actionsRegistry,
      }) {
        permissionsRegistry.addPermissions(argocdPermissions);
        const applications = createEntityApplicationsService({
          argocd,
          logger,
          assertPointsBack: createApplicationOwnership({ catalog, auth }),
        });
        // One authorizer (and entity cache) for the routes and the actions.
        const authorize = createEntityAuthorizer({
          auth,
          permissions,
          catalog,
        });
        httpRouter.use(
          await createRouter({
            authorize,
            httpAuth,
            auth,
            permissions,
            catalog,
            auditor,
            applications,
          }),
        );
        registerArgoCdActions({
          actionsRegistry,
          authorize,
          applications,
          auditor,
        });
        logger.info(
          `Argo CD instances: ${
            argocd.config.instances.map(i => i.name).join(', ') ||
            'none configured'
          }`,
        );
      },
    });
  },
});
