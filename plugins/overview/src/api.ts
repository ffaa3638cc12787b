import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import { callEntityRoute } from '@forja/plugin-forja-react';
import {
  EnvironmentsResponse,
  OverviewResponse,
  PromoteResponse,
} from '@forja/plugin-overview-common';

/** What the overview URL keeps: owner, system, environment and state. */
export type OverviewFilters = Partial<
  Record<'owner' | 'system' | 'environment' | 'state', string>
>;

/** Forja's overview backend: whole overviews, never one call per component or source. */
export interface OverviewApi {
  /** The portal's overview, or a system's or group's when `entity` is given. */
  getOverview(
    filters: OverviewFilters,
    entity?: CompoundEntityRef,
  ): Promise<OverviewResponse>;
  getEnvironments(entity: CompoundEntityRef): Promise<EnvironmentsResponse>;
  promote(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<PromoteResponse>;
}

export const overviewApiRef = createApiRef<OverviewApi>({
  id: 'plugin.forja.overview',
});

export class OverviewClient implements OverviewApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getOverview(filters: OverviewFilters, entity?: CompoundEntityRef) {
    const query = new URLSearchParams(
      Object.entries(filters).filter(([, v]) => v) as [string, string][],
    ).toString();
    const suffix = query ? `?${query}` : '';
    if (entity) {
      return callEntityRoute<OverviewResponse>(
        this.deps,
        'overview',
        entity,
        suffix,
      );
    }
    const base = await this.deps.discoveryApi.getBaseUrl('overview');
    const response = await this.deps.fetchApi.fetch(`${base}/portal${suffix}`);
    if (!response.ok) throw await ResponseError.fromResponse(response);
    return response.json();
  }

  getEnvironments(entity: CompoundEntityRef) {
    return callEntityRoute<EnvironmentsResponse>(
      this.deps,
      'overview',
      entity,
      '/environments',
    );
  }

  promote(entity: CompoundEntityRef, environment: string) {
    return callEntityRoute<PromoteResponse>(
      this.deps,
      'overview',
      entity,
      '/promote',
      'POST',
      { environment },
    );
  }
}
