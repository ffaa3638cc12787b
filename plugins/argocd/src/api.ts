import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  ARGOCD_PLUGIN_ID,
  ApplicationDetail,
  ApplicationDiff,
  ApplicationsResponse,
  ApplicationSummary,
} from '@forja/plugin-argocd-common';
import { callEntityRoute } from '@forja/plugin-forja-react';
import { RollbackResponse } from '@forja/plugin-overview-common';

/** What the Argo CD tab asks Argo CD to do to an application. */
export type ApplicationOperation = 'sync' | 'refresh' | 'terminate';

/** Forja's Argo CD backend, addressed by entity: the browser never names a host. */
export interface ArgoCdApi {
  getApplications(entity: CompoundEntityRef): Promise<ApplicationsResponse>;
  getApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<ApplicationDetail>;
  /** What differs from Git per managed resource (Secrets' values hidden by the backend). */
  getDiff(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<ApplicationDiff>;
  operate(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    operation: ApplicationOperation,
  ): Promise<ApplicationSummary>;
  /**
   * Opens the pull request setting `environment` back to the image it ran at `revision`
   * (Forja's overview backend, behind its promote permission).
   */
  rollback(
    entity: CompoundEntityRef,
    environment: string,
    revision: string,
  ): Promise<RollbackResponse>;
}

export const argoCdApiRef = createApiRef<ArgoCdApi>({
  id: 'plugin.forja.argocd',
});

export class ArgoCdClient implements ArgoCdApi {
  constructor(
    private readonly deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  ) {}

  private call<T>(entity: CompoundEntityRef, suffix: string, method = 'GET') {
    return callEntityRoute<T>(
      this.deps,
      ARGOCD_PLUGIN_ID,
      entity,
      `/applications${suffix}`,
      method,
    );
  }

  getApplications(entity: CompoundEntityRef) {
    return this.call<ApplicationsResponse>(entity, '');
  }

  getApplication(entity: CompoundEntityRef, instance: string, app: string) {
    return this.call<ApplicationDetail>(
      entity,
      `/${encodeURIComponent(instance)}/${encodeURIComponent(app)}?limit=10`,
    );
  }

  getDiff(entity: CompoundEntityRef, instance: string, app: string) {
    return this.call<ApplicationDiff>(
      entity,
      `/${encodeURIComponent(instance)}/${encodeURIComponent(app)}/diff`,
    );
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

  operate(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    operation: ApplicationOperation,
  ) {
    return this.call<ApplicationSummary>(
      entity,
      `/${encodeURIComponent(instance)}/${encodeURIComponent(
        app,
      )}/${operation}`,
      'POST',
    );
  }
}
