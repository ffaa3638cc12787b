import { Entity } from '@backstage/catalog-model';
import { SwrCache } from '@forja/plugin-forja-node';
import {
  AlertsResponse,
  DashboardsResponse,
  GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR,
  GRAFANA_ANNOTATION_VARIABLES,
  GrafanaAlertRule,
  GrafanaDashboard,
  GrafanaTimeRange,
  PanelData,
  PanelsResponse,
} from '@forja/plugin-grafana-common';
import { readAlerts } from './alerts';
import { readPairs, readPanelRefs } from './annotations';
import { GrafanaClient } from './client';
import { GrafanaConfig } from './config';
import { entityDashboardMatcher, readDashboards } from './dashboards';
import { fromHost, hostOf } from './hosts';
import { createPanelReader } from './panelData';

export interface EntityGrafanaService {
  dashboards(entity: Entity): Promise<DashboardsResponse>;
  alerts(entity: Entity): Promise<AlertsResponse>;
  panels(entity: Entity, range: GrafanaTimeRange): Promise<PanelsResponse>;
}

/**
 * An entity's dashboards, alert rules and panels from its Grafana host, each read through
 * the cache. An annotation Forja cannot read is a 400; a host that fails is the response's
 * status.
 */
export function createEntityGrafanaService(options: {
  config: GrafanaConfig;
  clients: Map<string, GrafanaClient>;
  cache: SwrCache;
}): EntityGrafanaService {
  const { config, clients, cache } = options;
  const host = (entity: Entity) => hostOf(entity, config, clients);

  return {
    async dashboards(entity) {
      const matches = entityDashboardMatcher(entity);
      return fromHost(
        host(entity),
        { dashboards: [] as GrafanaDashboard[], searched: 0 },
        client => readDashboards(client, cache, matches),
      );
    },

    async alerts(entity) {
      const selector = readPairs(
        entity.metadata.annotations?.[GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR],
        GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR,
      );
      return fromHost(
        host(entity),
        { alerts: [] as GrafanaAlertRule[] },
        client => readAlerts(client, cache, selector),
      );
    },

    async panels(entity, range) {
      const refs = readPanelRefs(entity);
      const entityValues = readPairs(
        entity.metadata.annotations?.[GRAFANA_ANNOTATION_VARIABLES],
        GRAFANA_ANNOTATION_VARIABLES,
      );
      return fromHost(
        host(entity),
        { range, panels: [] as PanelData[] },
        client =>
          createPanelReader(client, cache).read({ refs, entityValues, range }),
      );
    },
  };
}
