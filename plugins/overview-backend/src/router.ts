import {
  AuditorService,
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import {
  audited,
  createEntityAccess,
  EntityAuthorizer,
  parseInput,
} from '@forja/plugin-forja-node';
import {
  overviewPromotePermission,
  overviewTemplateUpgradePermission,
  TROUBLE_STATES,
} from '@forja/plugin-overview-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { describeEnvironments } from './environments';
import { OverlayReader } from './overlays';
import { OverviewService } from './overview';
import { entityScope } from './overview/scope';
import { Promoter } from './promote';
import { COMMIT_SHA, Rollbacker } from './rollback';
import { TemplateUpgrader } from './upgrade/templateUpgrader';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createSharedResponseSender } from './sharedResponse';

const ENTITY_REF = /^[a-z]+:[a-z0-9-]{1,63}\/[a-z0-9._-]{1,253}$/;
const ENVIRONMENT = /^[a-z0-9-]{1,63}$/;

const filtersQuery = z.object({
  owner: z.string().toLowerCase().regex(ENTITY_REF).optional(),
  system: z.string().toLowerCase().regex(ENTITY_REF).optional(),
  environment: z.string().regex(ENVIRONMENT).optional(),
  state: z.enum(TROUBLE_STATES).optional(),
  limit: z.coerce.number().int().min(1).max(100_000).optional(),
});
const promoteBody = z.object({ environment: z.string().regex(ENVIRONMENT) });
const rollbackBody = z.object({
  environment: z.string().regex(ENVIRONMENT),
  revision: z.string().regex(COMMIT_SHA, 'a full commit SHA'),
});

export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  auditor: AuditorService;
  /** Shared with the plugin's actions. */
  authorize?: EntityAuthorizer;
  overview: OverviewService;
  overlays: OverlayReader;
  promoter: Promoter;
  rollbacker: Rollbacker;
  upgrader: TemplateUpgrader;
}): Promise<express.Router> {
  const { overview, httpAuth, auditor } = options;
  const router = Router();
  router.use(express.json());
  const authorizedEntity = createEntityAccess(options);

  // A response the service shares between viewers is serialized and compressed once
  // (megabytes for a portal of thousands of components).
  const sendOverview = createSharedResponseSender();

  router.get('/portal', async (req, res) => {
    const credentials = await httpAuth.credentials(req, { allow: ['user'] });
    const filters = parseInput(filtersQuery, req.query);
    await sendOverview(
      req,
      res,
      await overview.overview({ kind: 'portal' }, credentials, filters),
    );
  });

  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity, entityRef, credentials } = await authorizedEntity(
      req,
      catalogEntityReadPermission,
    );
    const scope = entityScope(entity, entityRef, 'kind');
    const filters = parseInput(filtersQuery, req.query);
    await sendOverview(
      req,
      res,
      await overview.overview(scope, credentials, filters),
    );
  });

  router.get(
    '/entities/:kind/:namespace/:name/environments',
    async (req, res) => {
      const { entity, credentials } = await authorizedEntity(
        req,
        catalogEntityReadPermission,
      );
      res.json(
        await describeEnvironments({
          entity,
          credentials,
          permissions: options.permissions,
          overview,
          overlays: options.overlays,
          promotionBlocked: options.promoter.promotionBlocked,
        }),
      );
    },
  );

  router.post('/entities/:kind/:namespace/:name/promote', async (req, res) => {
    const result = await audited(
      auditor,
      'environment-promote',
      { request: req },
      async () => {
        const { entity, entityRef } = await authorizedEntity(
          req,
          overviewPromotePermission,
        );
        const { environment } = parseInput(promoteBody, req.body);
        const promotion = await options.promoter.promote(entity, environment);
        return { result: promotion, meta: { entityRef, ...promotion } };
      },
    );
    res.status(result.created ? 201 : 200).json(result);
  });

  // The promote permission: a rollback is the same write (one overlay's image tag).
  router.post('/entities/:kind/:namespace/:name/rollback', async (req, res) => {
    const result = await audited(
      auditor,
      'environment-rollback',
      { request: req },
      async () => {
        const { entity, entityRef } = await authorizedEntity(
          req,
          overviewPromotePermission,
        );
        const { environment, revision } = parseInput(rollbackBody, req.body);
        const rollback = await options.rollbacker.rollback(
          entity,
          environment,
          revision,
        );
        return { result: rollback, meta: { entityRef, ...rollback } };
      },
    );
    res.status(result.created ? 201 : 200).json(result);
  });
  router.get(
    '/entities/:kind/:namespace/:name/template-upgrade',
    async (req, res) => {
      const { entity, entityRef, credentials } = await authorizedEntity(
        req,
        catalogEntityReadPermission,
      );
      const status = await options.upgrader.status(entity, credentials);
      const [decision] = await options.permissions.authorize(
        [
          {
            permission: overviewTemplateUpgradePermission,
            resourceRef: entityRef,
          },
        ],
        { credentials },
      );
      let blocked: string | undefined;
      if (decision.result !== AuthorizeResult.ALLOW)
        blocked = 'you may not upgrade this entity';
      else blocked = options.upgrader.upgradeBlocked(entity);
      res.json({ ...status, ...(blocked ? { blocked } : {}) });
    },
  );

  router.post(
    '/entities/:kind/:namespace/:name/template-upgrade',
    async (req, res) => {
      const result = await audited(
        auditor,
        'template-upgrade',
        { request: req },
        async () => {
          const { entity, entityRef, credentials } = await authorizedEntity(
            req,
            overviewTemplateUpgradePermission,
          );
          const upgrade = await options.upgrader.open(entity, credentials);
          return { result: upgrade, meta: { entityRef, ...upgrade } };
        },
      );
      res.status(result.created ? 201 : 200).json(result);
    },
  );

  return router;
}
