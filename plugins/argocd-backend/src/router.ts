import {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { InputError, NotAllowedError, NotFoundError } from '@backstage/errors';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  AuthorizeResult,
  BasicPermission,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ARGOCD_OBJECT_NAME,
  argocdApplicationReadPermission,
  argocdApplicationSyncPermission,
} from '@forja/plugin-argocd-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityApplicationsService } from './services/createEntityApplicationsService';

const entityParams = z.object({
  kind: z.string().regex(/^[A-Za-z]+$/),
  namespace: z.string().regex(/^[a-z0-9-]{1,63}$/),
  name: z.string().regex(/^[A-Za-z0-9._-]{1,253}$/),
});
const appParams = entityParams.extend({
  instance: z.string().min(1).max(100),
  app: z.string().regex(ARGOCD_OBJECT_NAME),
});
const ENTITY_CACHE_MS = 10_000;

const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

function parse<T extends z.ZodTypeAny>(schema: T, value: unknown): z.infer<T> {
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

/** Thin routes over EntityApplicationsService: parse, authorize, delegate. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  applications: EntityApplicationsService;
}): Promise<express.Router> {
  const { httpAuth, auth, permissions, catalog, applications, auditor } =
    options;
  const router = Router();

  // Entities as the backend itself reads them, kept briefly: every view of a page would
  // otherwise cost a catalog round trip. Each request still checks the user's permission.
  const entities = new Map<
    string,
    { at: number; entity: Promise<Entity | undefined> }
  >();
  const readEntity = (entityRef: string) => {
    const hit = entities.get(entityRef);
    if (hit && Date.now() - hit.at < ENTITY_CACHE_MS) return hit.entity;
    const entity = auth
      .getOwnServiceCredentials()
      .then(credentials => catalog.getEntityByRef(entityRef, { credentials }));
    entities.set(entityRef, { at: Date.now(), entity });
    entity.then(
      found => found || entities.delete(entityRef),
      () => entities.delete(entityRef),
    );
    return entity;
  };
  router.use(express.json());

  /** The entity, after checking the user may use `permission` on it. */
  const authorizedEntity = async (
    req: express.Request,
    permission: ResourcePermission<'catalog-entity'> | BasicPermission,
  ) => {
    const params = parse(entityParams, req.params);
    const entityRef = stringifyEntityRef(params);
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const [decision] = await permissions.authorize(
      [
        {
          permission: permission as ResourcePermission<'catalog-entity'>,
          resourceRef: entityRef,
        },
      ],
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

  router.get(
    '/entities/:kind/:namespace/:name/applications',
    async (req, res) => {
      const { entity } = await authorizedEntity(
        req,
        argocdApplicationReadPermission,
      );
      res.json(await applications.list(entity));
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/applications/:instance/:app',
    async (req, res) => {
      const { entity } = await authorizedEntity(
        req,
        argocdApplicationReadPermission,
      );
      const { instance, app } = parse(appParams, req.params);
      const { limit } = parse(historyQuery, req.query);
      res.json(await applications.detail(entity, instance, app, limit));
    },
  );

  for (const operation of ['sync', 'refresh'] as const) {
    router.post(
      `/entities/:kind/:namespace/:name/applications/:instance/:app/${operation}`,
      async (req, res) => {
        const event = await auditor.createEvent({
          eventId: `application-${operation}`,
          request: req,
          severityLevel: 'medium',
        });
        try {
          const { entity, entityRef } = await authorizedEntity(
            req,
            argocdApplicationSyncPermission,
          );
          const { instance, app } = parse(appParams, req.params);
          const result = await applications.operate(
            entity,
            instance,
            app,
            operation,
          );
          await event.success({
            meta: { entityRef, instance, application: app },
          });
          res.json(result);
        } catch (error) {
          await event.fail({
            error: error as Error,
            meta: { params: req.params },
          });
          throw error;
        }
      },
    );
  }
  return router;
}
