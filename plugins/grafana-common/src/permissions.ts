import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/** Read an entity's Grafana dashboards, alerts and panel data. */
export const grafanaEntityReadPermission = createPermission({
  name: 'grafana.entity.read',
  attributes: { action: 'read' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const grafanaPermissions = [grafanaEntityReadPermission];
