import {
  AuditorService,
  AuthService,
  BackstageCredentials,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { ResourcePermission } from '@backstage/plugin-permission-common';
import { JsonObject } from '@backstage/types';
import { Request } from 'express';
import { z } from 'zod';
import {
  AuthorizedEntity,
  createEntityAuthorizer,
  EntityAuthorizer,
} from './entityAuthorizer';

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

/**
 * `authorizedEntity(req, permission)`: the entity a route names, after checking that the
 * signed-in user holds `permission` on it (403 NotAllowedError otherwise, 404 for an
 * unknown entity); see createEntityAuthorizer.
 */
export function createEntityAccess(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Also serve other backend plugins (service principals), such as the overview. */
  allowServices?: boolean;
  /** The plugin's authorizer, when its actions share it (and its entity cache). */
  authorize?: EntityAuthorizer;
}) {
  const { httpAuth } = options;
  const allow: Array<'user' | 'service'> = options.allowServices
    ? ['user', 'service']
    : ['user'];
  const authorize = options.authorize ?? createEntityAuthorizer(options);

  return async function authorizedEntity(
    req: Request,
    permission: ResourcePermission<'catalog-entity'>,
  ): Promise<AuthorizedEntity> {
    const entityRef = stringifyEntityRef(
      parseInput(entityRouteParams, req.params),
    );
    const credentials = await httpAuth.credentials(req, { allow });
    return authorize(credentials, entityRef, permission);
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
 * Runs a write as an audit event (medium severity): success with `meta`, or failure with
 * the error. `origin` is the HTTP request of a route, or the credentials of an action
 * (whose principal is then recorded in the event's meta, there being no request).
 */
export async function audited<T>(
  auditor: AuditorService,
  eventId: string,
  origin: { request: Request } | { credentials: BackstageCredentials },
  write: () => Promise<{ result: T; meta: JsonObject }>,
): Promise<T> {
  const request = 'request' in origin ? origin.request : undefined;
  const actor: JsonObject =
    'credentials' in origin
      ? { via: 'action', principal: principalOf(origin.credentials) }
      : {};
  const event = await auditor.createEvent({
    eventId,
    request,
    severityLevel: 'medium',
    meta: actor,
  });
  try {
    const { result, meta } = await write();
    await event.success({ meta: { ...actor, ...meta } });
    return result;
  } catch (error) {
    await event.fail({
      error: error as Error,
      meta: { ...actor, params: request?.params ?? {} },
    });
    throw error;
  }
}

/** `user:default/jane`, or the service's subject, for audit events. */
function principalOf(credentials: BackstageCredentials): string {
  const principal = credentials.principal as {
    type?: string;
    userEntityRef?: string;
    subject?: string;
  };
  return (
    principal.userEntityRef ?? principal.subject ?? principal.type ?? 'unknown'
  );
}
