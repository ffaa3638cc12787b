/**
 * Forja's cost frontend plugin. The default export of `./alpha` is the plugin for the new
 * frontend system; these exports serve apps on the legacy system, which register
 * `costApiRef` with `CostClient` and place the components themselves.
 *
 * @packageDocumentation
 */
export { costApiRef, CostClient } from './api';
export type { CostApi } from './api';
export { EntityCostCard } from './components/EntityCostCard';
export { EntityActualCostCard } from './components/EntityActualCostCard';
export { EntityCostContent } from './components/EntityCostContent';
export { CostRollupCard as EntityCostRollupCard } from './components/CostRollupCard';
export {
  isActualCostAvailable,
  isCostAvailable,
  isCostRollupAvailable,
} from '@forja/plugin-cost-common';
