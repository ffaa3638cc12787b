import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  ApplicationDetail,
  ARGOCD_PLUGIN_ID,
  HistoryEntry,
} from '@forja/plugin-argocd-common';
import { callEntityRoute } from '@forja/plugin-forja-react';
import {
  EnvironmentsResponse,
  OverviewResponse,
  PromoteResponse,
  RollbackResponse,
  TemplateUpgradeResponse,
  TemplateUpgradeStatus,
} from '@forja/plugin-overview-common';

/** Deployments of an application the rollback dialog offers (the Argo CD tab's count). */
const DEPLOYMENT_HISTORY_LIMIT = 10;

/** An application's deployments as Argo CD answers them now, for the rollback dialog. */
export interface DeploymentHistory {
  /** The revision the application runs now (what a rollback cannot go back to). */
  revision?: string;
  /** Its earlier deployments, as Argo CD's history holds them. */
  history: HistoryEntry[];
}

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
  /**
   * The deployments of one of the entity's Argo CD applications, newest first: the
   * revisions an environment can be rolled back to (Forja's Argo CD backend, the history
   * its tab shows).
   */
  getDeploymentHistory(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<DeploymentHistory>;
  /** Opens the pull request setting `environment` back to the image it ran at `revision`. */
  rollback(
    entity: CompoundEntityRef,
    environment: string,
    revision: string,
  ): Promise<RollbackResponse>;
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

  async getDeploymentHistory(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ) {
    const detail = await callEntityRoute<ApplicationDetail>(
      this.deps,
      ARGOCD_PLUGIN_ID,
      entity,
      `/applications/${encodeURIComponent(instance)}/${encodeURIComponent(
        app,
      )}?limit=${DEPLOYMENT_HISTORY_LIMIT}`,
    );
    return { revision: detail.application.revision, history: detail.history };
  }

  rollback(entity: CompoundEntityRef, environment: string, revision: string) {
    return callEntityRoute<RollbackResponse>(
      this.deps,
      'overview',
      entity,
      '/rollback',
      'POST',
      { environment, revision },
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
