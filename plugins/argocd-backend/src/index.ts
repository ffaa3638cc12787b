/**
 * Forja's Argo CD backend plugin.
 *
 * @packageDocumentation
 */
export { argocdPlugin as default } from './plugin';
