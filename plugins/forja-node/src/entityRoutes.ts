import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { z } from 'zod';
import { LruMap } from './lruMap';

/** `:kind/:namespace/:name` of an entity route. */
export const entityRouteParams = z.object({
  kind: z.string().regex(/^[A-Za-z]+$/),
  namespace: z.string().regex(/^[a-z0-9-]{1,63}$/),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,253}$/),
});

/** Parses route input; every problem is named by its field in one InputError (400). */
export function parseInput<T extends z.ZodTypeAny>(
  schema: T,
  value: unknown,
): z.infer<T> {
  const result = schema.safeParse(value);
  if (!result.success) {
    throw new InputError(
      result.error.issues
        .map(i => `${i.path.join('.')}: ${i.message}`)
        .join('; '),
    );
  }
  return result.data;
}

const ENTITY_CACHE_MS = 10_000;
/** Entities held for ENTITY_CACHE_MS; past this many, the least recently viewed go first. */
export const ENTITY_CACHE_ENTRIES = 1000;

export interface AuthorizedEntity {
  entity: Entity;
  entityRef: string;
  credentials: BackstageCredentials;
}

/**
 * `authorizedEntity(req, permission)`: the entity a route names, after checking that the
 * signed-in user holds `permission` on it (403 NotAllowedError otherwise, 404 for an
 * unknown entity). Entities are read with the plugin's own credentials and kept for 10 s
 * (at most ENTITY_CACHE_ENTRIES of them), since every view of a page would otherwise cost
 * a catalog round trip; the user's permission is checked on every request.
 */
export function createEntityAccess(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Also serve other backend plugins (service principals), such as the overview. */
  allowServices?: boolean;
}) {
  const { httpAuth, auth, permissions, catalog } = options;
  const allow: Array<'user' | 'service'> = options.allowServices
    ? ['user', 'service']
    : ['user'];
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

  return async function authorizedEntity(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity> {
    const entityRef = stringifyEntityRef(
      parseInput(entityRouteParams, req.params),
    );
    const credentials = await httpAuth.credentials(req, { allow });
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

const entityRefsBody = z.object({
  entityRefs: z.array(z.string().min(1).max(400)).min(1).max(1000),
});

/**
 * `serviceEntities(req)`: for bulk routes other Forja backends call (service principals
 * only, which decide per user themselves): the entities named by `entityRefs` in the
 * body, read in one catalog call; unknown refs are left out.
 */
export function createServiceEntityAccess(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  catalog: CatalogService;
}) {
  const { httpAuth, auth, catalog } = options;
  return async function serviceEntities(req: Request): Promise<Entity[]> {
    await httpAuth.credentials(req, { allow: ['service'] });
    const { entityRefs } = parseInput(entityRefsBody, req.body);
    const { items } = await catalog.getEntitiesByRefs(
      { entityRefs },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.filter((e): e is Entity => Boolean(e));
  };
}

/**
 * Runs a write as one audit event (medium severity): `success` with the metadata the write
 * returns, `fail` with the error and the route's params, which it rethrows.
 */
export async function audited<T>(
  auditor: AuditorService,
  eventId: string,
  req: Request,
  write: () => Promise<{ result: T; meta: JsonObject }>,
): Promise<T> {
  const event = await auditor.createEvent({
    eventId,
    request: req,
    severityLevel: 'medium',
  });
  try {
    const { result, meta } = await write();
    await event.success({ meta });
    return result;
  } catch (error) {
    await event.fail({ error: error as Error, meta: { params: req.params } });
    throw error;
  }
}
