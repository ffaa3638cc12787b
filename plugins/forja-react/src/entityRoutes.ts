import { CompoundEntityRef } from '@backstage/catalog-model';
import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';

/**
 * Calls `/api/<pluginId>/entities/<kind>/<namespace>/<name><suffix>`: Forja's backends are
 * addressed by entity, so the browser never names a host, an application or a query.
 */
export async function callEntityRoute<T>(
  deps: { discoveryApi: DiscoveryApi; fetchApi: FetchApi },
  pluginId: string,
  entity: CompoundEntityRef,
  suffix: string,
  method = 'GET',
  body?: unknown,
): Promise<T> {
  const base = await deps.discoveryApi.getBaseUrl(pluginId);
  const path = [entity.kind, entity.namespace, entity.name]
    .map(encodeURIComponent)
    .join('/');
  const response = await deps.fetchApi.fetch(
    `${base}/entities/${path}${suffix}`,
    body === undefined
      ? { method }
      : {
          method,
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        },
  );
  if (!response.ok) throw await ResponseError.fromResponse(response);
  return response.json();
}
