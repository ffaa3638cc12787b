/**
 * Forja's on-call overview. The default export of `./alpha` is the plugin for the new
 * frontend system; these exports serve apps on the legacy system, which register
 * `overviewApiRef` with `OverviewClient` and place the components themselves.
 *
 * @packageDocumentation
 */
export { overviewApiRef, OverviewClient } from './api';
export type {
  DeploymentHistory,
  OverviewApi,
  OverviewFilters,
  OverviewQuery,
} from './api';
export { OverviewPage } from './components/OverviewPage';
export { EntityOverviewContent } from './components/EntityOverviewContent';
export { EntityEnvironmentsCard } from './components/EntityEnvironmentsCard';
export { EntityTemplateUpgradeCard } from './components/EntityTemplateUpgradeCard';
export {
  isEnvironmentsAvailable,
  isOverviewAvailable,
  isTemplateUpgradeAvailable,
} from './filters';
