import {
  AuthService,
  HttpAuthService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { stringifyEntityRef } from '@backstage/catalog-model';
import {
  createEntityAccess,
  createServiceEntityAccess,
  parseInput,
} from '@forja/plugin-forja-node';
import {
  EntityAlerts,
  GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR,
  GRAFANA_TIME_RANGES,
  grafanaEntityReadPermission,
} from '@forja/plugin-grafana-common';
import express from 'express';
import Router from 'express-promise-router';
import { z } from 'zod';
import { EntityGrafanaService } from './service';

const panelsQuery = z.object({
  range: z.enum(GRAFANA_TIME_RANGES).default('6h'),
});

/** Entity routes: the browser names an entity and a time range, never a host or a query. */
export async function createRouter(options: {
  httpAuth: HttpAuthService;
  auth: AuthService;
  permissions: PermissionsService;
  catalog: CatalogService;
  grafana: EntityGrafanaService;
}): Promise<express.Router> {
  const { grafana } = options;
  const router = Router();
  router.use(express.json());
  const authorizedEntity = createEntityAccess(options);
  const readableEntity = async (req: express.Request) =>
    (await authorizedEntity(req, grafanaEntityReadPermission)).entity;
  const serviceEntities = createServiceEntityAccess(options);

  // For other backends (the overview): the alerts of every entity with an alert selector,
  // all read from one cached rule list per host.
  router.post('/entities/alerts', async (req, res) => {
    const entities = (await serviceEntities(req)).filter(
      e => e.metadata.annotations?.[GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR],
    );
    const answers: EntityAlerts[] = await Promise.all(
      entities.map(async entity => {
        const entityRef = stringifyEntityRef(entity);
        try {
          return { entityRef, alerts: await grafana.alerts(entity) };
        } catch (error) {
          return { entityRef, error: (error as Error).message };
        }
      }),
    );
    res.json({ entities: answers });
  });

  router.get(
    '/entities/:kind/:namespace/:name/dashboards',
    async (req, res) => {
      res.json(await grafana.dashboards(await readableEntity(req)));
    },
  );
  router.get('/entities/:kind/:namespace/:name/alerts', async (req, res) => {
    res.json(await grafana.alerts(await readableEntity(req)));
  });
  router.get('/entities/:kind/:namespace/:name/panels', async (req, res) => {
    const entity = await readableEntity(req);
    const { range } = parseInput(panelsQuery, req.query);
    res.json(await grafana.panels(entity, range));
  });
  return router;
}
