/**
 * Forja's Argo CD frontend plugin. The default export of `./alpha` is the plugin for the
 * new frontend system; these exports serve apps on the legacy system, which register
 * `argoCdApiRef` with `ArgoCdClient` and place the components themselves.
 *
 * @packageDocumentation
 */
export { argoCdApiRef, ArgoCdClient } from './api';
export type { ApplicationOperation, ArgoCdApi } from './api';
/** @deprecated import it from `@forja/plugin-argocd-common` */
export type { ApplicationDetail } from '@forja/plugin-argocd-common';
export { ArgoCdOverviewCard as EntityArgoCdOverviewCard } from './components/ArgoCdOverviewCard';
export { ArgoCdContent as EntityArgoCdContent } from './components/ArgoCdContent';
export { isArgoCdAvailable } from '@forja/plugin-argocd-common';
