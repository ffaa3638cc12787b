import {
  AuthService,
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { LruMap } from './lruMap';

const ENTITY_CACHE_MS = 10_000;
/** Entities held for ENTITY_CACHE_MS; past this many, the least recently viewed go first. */
export const ENTITY_CACHE_ENTRIES = 1000;

/** What a caller may act on: the entity, after its permission was checked. */
export interface AuthorizedEntity {
  entity: Entity;
  entityRef: string;
  credentials: BackstageCredentials;
}

/** Checks a caller's permission on an entity and returns it; see createEntityAuthorizer. */
export type EntityAuthorizer = ReturnType<typeof createEntityAuthorizer>;

/**
 * `authorize(credentials, entityRef, permission)`: the entity, after checking that the
 * caller holds `permission` on it (NotAllowedError otherwise, NotFoundError for an unknown
 * entity). Entities are read with the plugin's own credentials and kept for 10 s (at most
 * ENTITY_CACHE_ENTRIES of them), since every view of a page would otherwise cost a catalog
 * round trip; the caller's permission is checked every time. Routes and actions share it.
 */
export function createEntityAuthorizer(options: {
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
}) {
  const { auth, permissions, catalog } = options;
  const entities = new LruMap<
    string,
    { at: number; entity: Promise<Entity | undefined> }
  >(ENTITY_CACHE_ENTRIES);

  const readEntity = (entityRef: string) => {
    const hit = entities.get(entityRef);
    if (hit && Date.now() - hit.at < ENTITY_CACHE_MS) return hit.entity;
    const entity = auth
      .getOwnServiceCredentials()
      .then(credentials => catalog.getEntityByRef(entityRef, { credentials }));
    const held = { at: Date.now(), entity };
    entities.set(entityRef, held);
    // Forget a miss or a failure, unless a newer read has replaced it meanwhile.
    const forget = () => {
      if (entities.get(entityRef) === held) entities.delete(entityRef);
    };
    entity.then(found => found || forget(), forget);
    return entity;
  };

  return async function authorize(
    credentials: BackstageCredentials,
    entityRef: string,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity> {
    const [decision] = await permissions.authorize(
      [{ permission, resourceRef: entityRef }],
      { credentials },
    );
    if (decision.result !== AuthorizeResult.ALLOW) {
      throw new NotAllowedError(
        `not allowed to ${permission.name} on ${entityRef}`,
      );
    }
    const entity = await readEntity(entityRef);
    if (!entity) throw new NotFoundError(`no entity ${entityRef}`);
    return { entity, entityRef, credentials };
  };
}
