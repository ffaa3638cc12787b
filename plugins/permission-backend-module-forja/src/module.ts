import {
  coreServices,
  createBackendModule,
} from '@backstage/backend-plugin-api';
import { policyExtensionPoint } from '@backstage/plugin-permission-node/alpha';
import { ForjaPermissionPolicy } from './policy';

/** Installs Forja's permission policy in the permission backend. */
export const permissionModuleForjaPolicy = createBackendModule({
  pluginId: 'permission',
  moduleId: 'forja-policy',
  register(reg) {
    reg.registerInit({
      deps: {
        config: coreServices.rootConfig,
        policy: policyExtensionPoint,
      },
      async init({ config, policy }) {
        policy.setPolicy(
          new ForjaPermissionPolicy(
            config.getOptionalStringArray('forja.permissions.admins') ?? [],
          ),
        );
      },
    });
  },
});
