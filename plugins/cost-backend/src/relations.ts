import { AuthService } from '@backstage/backend-plugin-api';
import {
  Entity,
  parseEntityRef,
  RELATION_CHILD_OF,
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
   * or owned by it or by a group under it, at any depth (a group: a department's rollup is
   * its teams').
   */
  membersOf(entity: Entity): Promise<Entity[]>;
}

/** The catalog reads of estimates, with the backend's own credentials. */
export function createCostRelations(options: {
  catalog: CatalogService;
  auth: AuthService;
}): CostRelations {
  const { catalog, auth } = options;

  /** The group and every group under it (`childOf`), one catalog read per level. */
  async function groupAndDescendants(ref: string): Promise<string[]> {
    const credentials = await auth.getOwnServiceCredentials();
    const found = new Set([ref]);
    for (let level = [ref]; level.length; ) {
      const { items } = await catalog.getEntities(
        {
          filter: { kind: 'group', [`relations.${RELATION_CHILD_OF}`]: level },
          fields: ['kind', 'metadata.name', 'metadata.namespace'],
        },
        { credentials },
      );
      // A cycle in the groups stops where it closes.
      level = items
        .map(g => stringifyEntityRef(g).toLocaleLowerCase('en-US'))
        .filter(g => !found.has(g));
      for (const g of level) found.add(g);
    }
    return [...found];
  }

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
      const credentials = await auth.getOwnServiceCredentials();
      const ref = stringifyEntityRef(entity).toLocaleLowerCase('en-US');
      const isGroup = entity.kind.toLocaleLowerCase('en-US') === 'group';
      const owners = isGroup ? await groupAndDescendants(ref) : [];
      const { items } = await catalog.getEntities(
        {
          filter: isGroup
            ? { [`relations.${RELATION_OWNED_BY}`]: owners }
            : { [`relations.${RELATION_PART_OF}`]: ref },
        },
        { credentials },
      );
      return [entity, ...items].filter(isCostAvailable);
    },
  };
}
