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
import {
  createScaffolderTaskConditionalDecision,
  scaffolderTaskConditions,
} from '@backstage/plugin-scaffolder-backend/alpha';
import { DECISIONS, Rule } from './decisions';

/**
 * Decides every permission from one table (`DECISIONS`, the README's decision table):
 * reads for signed-in users, writes on an entity for its owners, the rest for admins
 * (user or group refs from `forja.permissions.admins`). Admins pass every named
 * permission; a permission the table does not name is denied to everyone, as is every
 * request without a signed-in user.
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
    const rule: Rule | undefined = DECISIONS[permission.name];
    const claims = user?.info.ownershipEntityRefs ?? [];
    if (!rule || !user || claims.length === 0) {
      return { result: AuthorizeResult.DENY };
    }
    if (rule === 'signed-in' || claims.some(ref => this.admins.has(ref))) {
      return { result: AuthorizeResult.ALLOW };
    }
    if (
      rule === 'entity-owner' &&
      isResourcePermission(permission, 'catalog-entity')
    ) {
      return createCatalogConditionalDecision(
        permission,
        catalogConditions.isEntityOwner({ claims }),
      );
    }
    if (
      rule === 'task-creator' &&
      isResourcePermission(permission, 'scaffolder-task')
    ) {
      return createScaffolderTaskConditionalDecision(
        permission,
        scaffolderTaskConditions.isTaskOwner({
          createdBy: [user.info.userEntityRef],
        }),
      );
    }
    return { result: AuthorizeResult.DENY };
  }
}
