/**
 * Forja's Grafana frontend plugin. The default export of `./alpha` is the plugin for the
 * new frontend system; these exports serve apps on the legacy system, which register
 * `grafanaApiRef` with `GrafanaClient` and place the components themselves.
 *
 * @packageDocumentation
 */
export { grafanaApiRef, GrafanaClient } from './api';
export type { GrafanaApi } from './api';
export { GrafanaDashboardsCard as EntityGrafanaDashboardsCard } from './components/GrafanaDashboardsCard';
export { GrafanaAlertsCard as EntityGrafanaAlertsCard } from './components/GrafanaAlertsCard';
export { GrafanaPanelsContent as EntityGrafanaPanelsContent } from './components/GrafanaPanelsContent';
export {
  isGrafanaAlertsAvailable,
  isGrafanaDashboardsAvailable,
  isGrafanaPanelsAvailable,
} from '@forja/plugin-grafana-common';
