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
  TemplateUpgradeResponse,
  TemplateUpgradeStatus,
} from '@forja/plugin-overview-common';

/** What the overview URL keeps: owner, system, environment and state. */
export type OverviewFilters = Partial<
  Record<'owner' | 'system' | 'environment' | 'state', string>
>;

export interface OverviewQuery extends OverviewFilters {
  /** Only the first rows, trouble first. */
  limit?: number;
}

/** Forja's overview backend: whole overviews, never one call per component or source. */
export interface OverviewApi {
  /** The portal's overview, or a system's or group's when `entity` is given. */
  getOverview(
    query: OverviewQuery,
    entity?: CompoundEntityRef,
  ): Promise<OverviewResponse>;
  getEnvironments(entity: CompoundEntityRef): Promise<EnvironmentsResponse>;
  promote(
    entity: CompoundEntityRef,
    environment: string,
  ): Promise<PromoteResponse>;
  /** Whether the entity's template moved on, and what upgrading would change. */
  getTemplateUpgrade(entity: CompoundEntityRef): Promise<TemplateUpgradeStatus>;
  /** Opens (or answers the open) template upgrade pull request. */
  upgradeTemplate(entity: CompoundEntityRef): Promise<TemplateUpgradeResponse>;
}

export const overviewApiRef = createApiRef<OverviewApi>({
  id: 'plugin.forja.overview',
});

export class OverviewClient implements OverviewApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  async getOverview(query: OverviewQuery, entity?: CompoundEntityRef) {
    const search = new URLSearchParams(
      Object.entries(query).flatMap(([k, v]) => (v ? [[k, String(v)]] : [])),
    ).toString();
    const suffix = search ? `?${search}` : '';
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

  getTemplateUpgrade(entity: CompoundEntityRef) {
    return callEntityRoute<TemplateUpgradeStatus>(
      this.deps,
      'overview',
      entity,
      '/template-upgrade',
    );
  }

  upgradeTemplate(entity: CompoundEntityRef) {
    return callEntityRoute<TemplateUpgradeResponse>(
      this.deps,
      'overview',
      entity,
      '/template-upgrade',
      'POST',
      {},
    );
  }
}
