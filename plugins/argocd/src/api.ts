import { CompoundEntityRef } from '@backstage/catalog-model';
import {
  createApiRef,
  DiscoveryApi,
  FetchApi,
} from '@backstage/frontend-plugin-api';
import {
  ARGOCD_PLUGIN_ID,
  ApplicationDetail,
  ApplicationsResponse,
  ApplicationSummary,
} from '@forja/plugin-argocd-common';
import { callEntityRoute } from '@forja/plugin-forja-react';

/** Forja's Argo CD backend, addressed by entity: the browser never names a host. */
export interface ArgoCdApi {
  getApplications(entity: CompoundEntityRef): Promise<ApplicationsResponse>;
  getApplication(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
  ): Promise<ApplicationDetail>;
  operate(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    operation: 'sync' | 'refresh',
  ): Promise<ApplicationSummary>;
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

  operate(
    entity: CompoundEntityRef,
    instance: string,
    app: string,
    operation: 'sync' | 'refresh',
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
