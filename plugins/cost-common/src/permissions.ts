import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/** Read an entity's cost estimate (and a system's or group's rollup). */
export const costEntityReadPermission = createPermission({
  name: 'cost.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const costPermissions = [costEntityReadPermission];
