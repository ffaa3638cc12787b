/**
 * Forja's Grafana backend plugin.
 *
 * @packageDocumentation
 */
export { grafanaPlugin as default } from './plugin';
