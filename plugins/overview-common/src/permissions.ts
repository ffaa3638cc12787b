import { RESOURCE_TYPE_CATALOG_ENTITY } from '@backstage/plugin-catalog-common/alpha';
import { createPermission } from '@backstage/plugin-permission-common';

/** Open the pull request that promotes an entity's next environment to the previous one's image. */
export const overviewPromotePermission = createPermission({
  name: 'overview.entity.promote',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

/**
 * Open the pull request that upgrades an entity's repository to the current version of
 * the template that generated it.
 */
export const overviewTemplateUpgradePermission = createPermission({
  name: 'overview.entity.template-upgrade',
  attributes: { action: 'update' },
  resourceType: RESOURCE_TYPE_CATALOG_ENTITY,
});

export const overviewPermissions = [
  overviewPromotePermission,
  overviewTemplateUpgradePermission,
];
