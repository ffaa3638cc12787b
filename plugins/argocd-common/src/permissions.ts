import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/** Read an entity's Argo CD applications (summary, detail, history). */
export const argocdApplicationReadPermission = createPermission({
  name: 'argocd.application.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Sync or refresh an entity's Argo CD applications. */
export const argocdApplicationSyncPermission = createPermission({
  name: 'argocd.application.sync',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/** Create Argo CD applications and projects (the `argocd:create-application` action). */
export const argocdApplicationCreatePermission = createPermission({
  name: 'argocd.application.create',
  attributes: { action: 'create' },
});

export const argocdPermissions = [
  argocdApplicationReadPermission,
  argocdApplicationSyncPermission,
  argocdApplicationCreatePermission,
];
