import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { callEntityRoute } from '@forja/plugin-forja-react';
import {
  AlertsResponse,
  DashboardsResponse,
  GRAFANA_PLUGIN_ID,
  GrafanaTimeRange,
  PanelsResponse,
} from '@forja/plugin-grafana-common';

/** Forja's Grafana backend, addressed by entity and time range only. */
export interface GrafanaApi {
  getDashboards(entity: CompoundEntityRef): Promise<DashboardsResponse>;
  getAlerts(entity: CompoundEntityRef): Promise<AlertsResponse>;
  getPanels(
    entity: CompoundEntityRef,
    range: GrafanaTimeRange,
  ): Promise<PanelsResponse>;
}

export const grafanaApiRef = createApiRef<GrafanaApi>({
  id: 'plugin.forja.grafana',
});

export class GrafanaClient implements GrafanaApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getDashboards(entity: CompoundEntityRef) {
    return callEntityRoute<DashboardsResponse>(
      this.deps,
      GRAFANA_PLUGIN_ID,
      entity,
      '/dashboards',
    );
  }

  getAlerts(entity: CompoundEntityRef) {
    return callEntityRoute<AlertsResponse>(
      this.deps,
      GRAFANA_PLUGIN_ID,
      entity,
      '/alerts',
    );
  }

  getPanels(entity: CompoundEntityRef, range: GrafanaTimeRange) {
    return callEntityRoute<PanelsResponse>(
      this.deps,
      GRAFANA_PLUGIN_ID,
      entity,
      `/panels?range=${encodeURIComponent(range)}`,
    );
  }
}
