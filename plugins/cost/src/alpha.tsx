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
import { Entity } from '@backstage/catalog-model';
import {
  isActualCostAvailable,
  isCostAvailable,
  isCostRollupAvailable,
} from '@forja/plugin-cost-common';
import { costApiRef, CostClient } from './api';

const hasCost = (entity: Entity) =>
  isCostAvailable(entity) || isCostRollupAvailable(entity);

const costApi = ApiBlueprint.make({
  params: defineParams =>
    defineParams({
      api: costApiRef,
      deps: { discoveryApi: discoveryApiRef, fetchApi: fetchApiRef },
      factory: deps => new CostClient(deps),
    }),
});

const costCard = EntityCardBlueprint.make({
  name: 'monthly-cost',
  params: {
    filter: hasCost,
    loader: () =>
      import('./components/EntityCostCard').then(m => <m.EntityCostCard />),
  },
});

const rollupCard = EntityCardBlueprint.make({
  name: 'cost-by-member',
  params: {
    filter: isCostRollupAvailable,
    loader: () =>
      import('./components/CostRollupCard').then(m => <m.CostRollupCard />),
  },
});

const actualCostCard = EntityCardBlueprint.make({
  name: 'estimate-vs-actual',
  params: {
    filter: isActualCostAvailable,
    loader: () =>
      import('./components/EntityActualCostCard').then(m => (
        <m.EntityActualCostCard />
      )),
  },
});

const costContent = EntityContentBlueprint.make({
  params: {
    path: '/cost',
    title: 'Cost',
    filter: hasCost,
    loader: () =>
      import('./components/EntityCostContent').then(m => (
        <m.EntityCostContent />
      )),
  },
});

/** Forja's cost plugin for the new frontend system. */
export default createFrontendPlugin({
  pluginId: 'cost',
  extensions: [costApi, costCard, rollupCard, actualCostCard, costContent],
});
