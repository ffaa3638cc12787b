import {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  ARGOCD_OBJECT_NAME,
  argocdApplicationReadPermission,
  argocdApplicationSyncPermission,
} from '@forja/plugin-argocd-common';
import {
  audited,
  createEntityAccess,
  createServiceEntityAccess,
  EntityAuthorizer,
  entityRouteParams,
  parseInput,
} from '@forja/plugin-forja-node';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityApplicationsService } from './services/createEntityApplicationsService';

const appParams = entityRouteParams.extend({
  instance: z.string().min(1).max(100),
  app: z.string().regex(ARGOCD_OBJECT_NAME),
});
const historyQuery = z.object({
  limit: z.coerce.number().int().min(1).max(50).default(10),
});

/** Thin routes over EntityApplicationsService: parse, authorize, delegate. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  applications: EntityApplicationsService;
  /** Shared with the plugin's actions; a router of its own without it. */
  authorize?: EntityAuthorizer;
}): Promise<express.Router> {
  const { applications, auditor } = options;
  const router = Router();
  router.use(express.json());
  const authorizedEntity = createEntityAccess(options);
  const serviceEntities = createServiceEntityAccess(options);

  // For other backends (the overview): many entities from one list per instance.
  router.post('/entities/applications', async (req, res) => {
    res.json({
      entities: await applications.listMany(await serviceEntities(req)),
    });
  });

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
      const { instance, app } = parseInput(appParams, req.params);
      const { limit } = parseInput(historyQuery, req.query);
      res.json(await applications.detail(entity, instance, app, limit));
    },
  );

  router.get(
    '/entities/:kind/:namespace/:name/applications/:instance/:app/diff',
    async (req, res) => {
      const { entity } = await authorizedEntity(
        req,
        argocdApplicationReadPermission,
      );
      const { instance, app } = parseInput(appParams, req.params);
      res.json(await applications.diff(entity, instance, app));
    },
  );

  for (const operation of ['sync', 'refresh', 'terminate'] as const) {
    router.post(
      `/entities/:kind/:namespace/:name/applications/:instance/:app/${operation}`,
      async (req, res) => {
        const result = await audited(
          auditor,
          `application-${operation}`,
          { request: req },
          async () => {
            const { entity, entityRef } = await authorizedEntity(
              req,
              argocdApplicationSyncPermission,
            );
            const { instance, app } = parseInput(appParams, req.params);
            return {
              result: await applications.operate(
                entity,
                instance,
                app,
                operation,
              ),
              meta: { entityRef, instance, application: app },
            };
          },
        );
        res.json(result);
      },
    );
  }
  return router;
}
