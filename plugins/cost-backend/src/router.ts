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
import { EntityCostService } from './service';

/**
 * One route: an entity's estimate (a system's or group's rollup), named by its ref only;
 * also served to other backends (the overview), which check `cost.entity.read` per user.
 */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  /** Shared with the plugin's actions. */
  authorize?: EntityAuthorizer;
  costs: EntityCostService;
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
  return router;
}
