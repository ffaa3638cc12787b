/**
 * The plugin ID of Forja's Grafana plugins (backend routes under `/api/forja-grafana`): not
 * `grafana`, which the community plugins use, so both can be installed in one app.
 */
export const GRAFANA_PLUGIN_ID = 'forja-grafana';
