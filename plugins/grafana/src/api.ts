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
      'grafana',
      entity,
      '/dashboards',
    );
  }

  getAlerts(entity: CompoundEntityRef) {
    return callEntityRoute<AlertsResponse>(
      this.deps,
      'grafana',
      entity,
      '/alerts',
    );
  }

  getPanels(entity: CompoundEntityRef, range: GrafanaTimeRange) {
    return callEntityRoute<PanelsResponse>(
      this.deps,
      'grafana',
      entity,
      `/panels?range=${encodeURIComponent(range)}`,
    );
  }
}
