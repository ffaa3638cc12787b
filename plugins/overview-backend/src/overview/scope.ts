import { AuthService } from '@backstage/backend-plugin-api';
import { Entity, RELATION_PARENT_OF } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { CachePeriods, SwrCache } from '@forja/plugin-forja-node';
import { refOf } from '../sources';

/** Whose components: every component, a system's, or a group's. */
export type OverviewScope =
  | { kind: 'portal' }
  | { kind: 'system' | 'group'; ref: string };

/** The catalog filter that lists a scope's components. */
export type ScopeFilter = Record<string, string | string[]>;

/** The components' fields the overview reads (rows, sources, permissions). */
export const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

/** The scope's name in cache keys and in the response. */
/** The overview of a System or a Group entity; any other kind is an InputError naming `field`. */
export function entityScope(
  entity: Entity,
  entityRef: string,
  field: string,
): OverviewScope {
  const kind = entity.kind.toLocaleLowerCase('en-US');
  if (kind !== 'system' && kind !== 'group')
    throw new InputError(
      `${field}: an overview is of a System or a Group, not a ${entity.kind}`,
    );
  return { kind, ref: entityRef.toLocaleLowerCase('en-US') };
}

export const scopeKey = (scope: OverviewScope) =>
  scope.kind === 'portal' ? 'portal' : scope.ref;

/** The group and every group under it, at any depth (cycles stop where they close). */
export function groupAndDescendants(
  ref: string,
  childrenOf: Record<string, string[]>,
): string[] {
  const found = new Set([ref]);
  for (const group of found)
    for (const child of childrenOf[group] ?? []) found.add(child);
  return [...found];
}

/** Each group's child groups, from the groups' `parentOf` relations. */
export function childGroupsOf(groups: Entity[]): Record<string, string[]> {
  return Object.fromEntries(
    groups.map(group => [
      refOf(group),
      (group.relations ?? [])
        .filter(r => r.type === RELATION_PARENT_OF)
        .map(r => r.targetRef),
    ]),
  );
}

export interface ScopeReader {
  /** The catalog filter of a scope: a group's holds what it and the groups under it own. */
  filter(scope: OverviewScope): Promise<ScopeFilter>;
  /** Every component of the scope (read with the plugin's own credentials, cached). */
  components(scope: OverviewScope): Promise<Entity[]>;
}

/** Which components a portal, system or group overview holds, read through the cache. */
export function createScopeReader(options: {
  catalog: Pick<CatalogService, 'getEntities'>;
  auth: Pick<AuthService, 'getOwnServiceCredentials'>;
  cache: Pick<SwrCache, 'cached' | 'invalidate'>;
  periods: CachePeriods;
}): ScopeReader {
  const { catalog, auth, cache, periods } = options;

  /** Each group's child groups (`parentOf`), read through the cache like the components. */
  const childGroups = async () => {
    const { value } = await cache.cached(
      'overview:groups',
      async () => {
        const { items } = await catalog.getEntities(
          {
            filter: { kind: 'group' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'relations',
            ],
          },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        return childGroupsOf(items);
      },
      periods,
    );
    return value;
  };

  const filter = async (scope: OverviewScope): Promise<ScopeFilter> => {
    if (scope.kind === 'system')
      return { kind: 'component', 'relations.partOf': scope.ref };
    if (scope.kind === 'group')
      return {
        kind: 'component',
        'relations.ownedBy': groupAndDescendants(
          scope.ref,
          await childGroups(),
        ),
      };
    return { kind: 'component' };
  };

  const components = async (scope: OverviewScope) => {
    const credentials = await auth.getOwnServiceCredentials();
    const key = `overview:components:${scopeKey(scope)}`;
    const { value } = await cache.cached(
      key,
      async () =>
        (
          await catalog.getEntities(
            { filter: await filter(scope), fields: ENTITY_FIELDS },
            { credentials },
          )
        ).items,
      periods,
    );
    // No component: on a fresh start, the catalog still reading its locations. Held for
    // the fresh period, that answer would hide the components for it (30 s by default);
    // the next view reads the catalog again (one local query).
    if (!value.length) await cache.invalidate(key);
    return value;
  };

  return { filter, components };
}
