import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { EntityCostResponse } from '@forja/plugin-cost-common';
import { callEntityRoute } from '@forja/plugin-forja-react';

/** Forja's cost backend, addressed by entity only. */
export interface CostApi {
  getEntityCost(entity: CompoundEntityRef): Promise<EntityCostResponse>;
}

export const costApiRef = createApiRef<CostApi>({ id: 'plugin.forja.cost' });

export class CostClient implements CostApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getEntityCost(entity: CompoundEntityRef) {
    return callEntityRoute<EntityCostResponse>(this.deps, 'cost', entity, '');
  }
}
