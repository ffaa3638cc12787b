import {
  ApiBlueprint,
  createFrontendPlugin,
  discoveryApiRef,
  fetchApiRef,
} from '@backstage/frontend-plugin-api';
import {
  EntityCardBlueprint,
  EntityContentBlueprint,
} from '@backstage/plugin-catalog-react/alpha';
import {
  GRAFANA_PLUGIN_ID,
  isGrafanaAlertsAvailable,
  isGrafanaDashboardsAvailable,
  isGrafanaPanelsAvailable,
} from '@forja/plugin-grafana-common';
import { grafanaApiRef, GrafanaClient } from './api';

const grafanaApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: grafanaApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new GrafanaClient(deps),
    }),
});

const dashboardsCard = EntityCardBlueprint.make({
  name: 'dashboards',
  params: {
    filter: isGrafanaDashboardsAvailable,
    loader: () =>
      import('./components/GrafanaDashboardsCard').then(m => (
        <m.GrafanaDashboardsCard />
      )),
  },
});

const alertsCard = EntityCardBlueprint.make({
  name: 'alerts',
  params: {
    filter: isGrafanaAlertsAvailable,
    loader: () =>
      import('./components/GrafanaAlertsCard').then(m => (
        <m.GrafanaAlertsCard />
      )),
  },
});

const panelsContent = EntityContentBlueprint.make({
  params: {
    path: '/grafana',
    title: 'Grafana',
    filter: isGrafanaPanelsAvailable,
    loader: () =>
      import('./components/GrafanaPanelsContent').then(m => (
        <m.GrafanaPanelsContent />
      )),
  },
});

/** Forja's Grafana plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: GRAFANA_PLUGIN_ID,
  extensions: [grafanaApi, dashboardsCard, alertsCard, panelsContent],
});
