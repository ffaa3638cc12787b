import {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { costEntityReadPermission } from '@forja/plugin-cost-common';
import { createEntityAccess, EntityAuthorizer } from '@forja/plugin-forja-node';
import express from 'express';
import Router from 'express-promise-router';
import { ActualCostService } from './actual/actualCost';
import { EntityCostService } from './service';

/**
 * Two routes, each naming an entity by its ref only: its estimate (a system's or group's
 * rollup), also served to other backends (the overview), which check `cost.entity.read`
 * per user; and its actual spend beside the estimate (`/actual`).
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Shared with the plugin's actions. */
  authorize?: EntityAuthorizer;
  costs: EntityCostService;
  actual: ActualCostService;
}): Promise<express.Router> {
  const router = Router();
  const authorizedEntity = createEntityAccess({
    ...options,
    allowServices: true,
  });
  router.get('/entities/:kind/:namespace/:name', async (req, res) => {
    const { entity } = await authorizedEntity(req, costEntityReadPermission);
    res.json(await options.costs.entityCost(entity));
  });
  // Read-only, like the estimate: the same permission.
  router.get('/entities/:kind/:namespace/:name/actual', async (req, res) => {
    const { entity } = await authorizedEntity(req, costEntityReadPermission);
    res.json(await options.actual.actualCost(entity));
  });
  return router;
}
