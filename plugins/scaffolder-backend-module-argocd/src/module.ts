import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { scaffolderActionsExtensionPoint } from '@backstage/plugin-scaffolder-node';
import { argocdApplicationCreatePermission } from '@forja/plugin-argocd-common';
import { argoCdServiceRef } from '@forja/plugin-argocd-node';
import { createArgoCdApplicationAction } from './actions/createApplication';

/** Registers argocd:create-application with the scaffolder. */
export const scaffolderModuleArgoCd = createBackendModule({
  pluginId: 'scaffolder',
  moduleId: 'argocd',
  register(env) {
    env.registerInit({
      deps: {
        scaffolder: scaffolderActionsExtensionPoint,
        argocd: argoCdServiceRef,
        permissions: coreServices.permissions,
        permissionsRegistry: coreServices.permissionsRegistry,
      },
      async init({ scaffolder, argocd, permissions, permissionsRegistry }) {
        permissionsRegistry.addPermissions([argocdApplicationCreatePermission]);
        scaffolder.addActions(
          createArgoCdApplicationAction({ argocd, permissions }),
        );
      },
    });
  },
});
