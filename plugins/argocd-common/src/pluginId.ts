/**
 * The plugin ID of Forja's Argo CD plugins (backend routes under `/api/forja-argocd`): not
 * `argocd`, which the community plugins use, so both can be installed in one app.
 */
export const ARGOCD_PLUGIN_ID = 'forja-argocd';
