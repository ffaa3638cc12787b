import {
  CompoundEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  EntityActualCostResponse,
  EntityCostResponse,
} from '@forja/plugin-cost-common';
import { callEntityRoute } from '@forja/plugin-forja-react';

/** Forja's cost backend, addressed by entity only. */
export interface CostApi {
  getEntityCost(entity: CompoundEntityRef): Promise<EntityCostResponse>;
  /** What the entity actually cost per environment, beside its estimate. */
  getEntityActualCost(
    entity: CompoundEntityRef,
  ): Promise<EntityActualCostResponse>;
}

export const costApiRef = createApiRef<CostApi>({ id: 'plugin.forja.cost' });

export class CostClient implements CostApi {
  /** Cards of one page asking at once (total, rollup, tab) share one request. */
  private readonly inFlight = new Map<string, Promise<EntityCostResponse>>();

  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  getEntityCost(entity: CompoundEntityRef) {
    const key = stringifyEntityRef(entity);
    let request = this.inFlight.get(key);
    if (!request) {
      request = callEntityRoute<EntityCostResponse>(
        this.deps,
        'cost',
        entity,
        '',
      ).finally(() => this.inFlight.delete(key));
      this.inFlight.set(key, request);
    }
    return request;
  }

  getEntityActualCost(entity: CompoundEntityRef) {
    return callEntityRoute<EntityActualCostResponse>(
      this.deps,
      'cost',
      entity,
      '/actual',
    );
  }
}
