import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_OWNED_BY,
  RELATION_PART_OF,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { isCostAvailable } from '@forja/plugin-cost-common';

export interface CostRelations {
  /** The system an entity is part of (`spec.system`), if any. */
  systemOf(entity: Entity): Promise<Entity | undefined>;
  /**
   * A rollup's members with a cost: the entity itself, then what is part of it (a system)
   * or owned by it (a group).
   */
  membersOf(entity: Entity): Promise<Entity[]>;
}

/** The catalog reads of estimates, with the backend's own credentials. */
export function createCostRelations(options: {
  catalog: CatalogService;
  auth: AuthService;
}): CostRelations {
  const { catalog, auth } = options;
  return {
    async systemOf(entity) {
      const system = (entity.spec as { system?: string } | undefined)?.system;
      if (!system) return undefined;
      const credentials = await auth.getOwnServiceCredentials();
      return catalog.getEntityByRef(
        stringifyEntityRef(
          parseEntityRef(system, {
            defaultKind: 'system',
            defaultNamespace: entity.metadata.namespace,
          }),
        ),
        { credentials },
      );
    },

    async membersOf(entity) {
      const relation =
        entity.kind.toLocaleLowerCase('en-US') === 'group'
          ? RELATION_OWNED_BY
          : RELATION_PART_OF;
      const credentials = await auth.getOwnServiceCredentials();
      const { items } = await catalog.getEntities(
        {
          filter: { [`relations.${relation}`]: stringifyEntityRef(entity) },
        },
        { credentials },
      );
      return [entity, ...items].filter(isCostAvailable);
    },
  };
}
