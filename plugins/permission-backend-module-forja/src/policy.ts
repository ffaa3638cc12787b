import { parseEntityRef, stringifyEntityRef } from '@backstage/catalog-model';
import {
  catalogConditions,
  createCatalogConditionalDecision,
} from '@backstage/plugin-catalog-backend/alpha';
import {
  AuthorizeResult,
  isResourcePermission,
  PolicyDecision,
} from '@backstage/plugin-permission-common';
import {
  PermissionPolicy,
  PolicyQuery,
  PolicyQueryUser,
} from '@backstage/plugin-permission-node';
import { argocdApplicationSyncPermission } from '@forja/plugin-argocd-common';
import { overviewPromotePermission } from '@forja/plugin-overview-common';

/** Writes on an entity that only its owners and the admins may do. */
export const OWNER_WRITES: ReadonlySet<string> = new Set([
  argocdApplicationSyncPermission.name,
  overviewPromotePermission.name,
  'catalog.entity.delete',
]);

/**
 * Everything Backstage and Forja read stays open to signed-in users. The writes in
 * OWNER_WRITES need the user to own the entity (directly or through a group), or to be
 * one of the admins (user or group refs from `forja.permissions.admins`).
 */
export class ForjaPermissionPolicy implements PermissionPolicy {
  private readonly admins: ReadonlySet<string>;

  constructor(admins: string[]) {
    this.admins = new Set(
      admins.map(ref => stringifyEntityRef(parseEntityRef(ref))),
    );
  }

  async handle(
    request: PolicyQuery,
    user?: PolicyQueryUser,
  ): Promise<PolicyDecision> {
    const { permission } = request;
    if (!OWNER_WRITES.has(permission.name)) {
      return { result: AuthorizeResult.ALLOW };
    }
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (claims.some(ref => this.admins.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      claims.length > 0 &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
