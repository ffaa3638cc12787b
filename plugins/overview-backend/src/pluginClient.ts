import { AuthService, DiscoveryService } from '@backstage/backend-plugin-api';
import {
  fetchUpstream,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';

export type PluginCall = <T>(
  pluginId: string,
  path: string,
  options: {
    body?: unknown;
    headers?: Record<string, string>;
    timeoutMs: number;
  },
) => Promise<T>;

/**
 * Calls another backend plugin as this plugin (a service token for that plugin only).
 * Anything but a 2xx JSON answer within `maxResponseBytes` is UpstreamUnavailableError
 * naming the plugin.
 */
export function createPluginCall(options: {
  discovery: DiscoveryService;
  auth: AuthService;
  maxResponseBytes: number;
}): PluginCall {
  const { discovery, auth, maxResponseBytes } = options;
  return async function call<T>(
    pluginId: string,
    path: string,
    { body, headers, timeoutMs }: Parameters<PluginCall>[2],
  ): Promise<T> {
    const upstream = `the ${pluginId} backend`;
    const { token } = await auth.getPluginRequestToken({
      onBehalfOf: await auth.getOwnServiceCredentials(),
      targetPluginId: pluginId,
    });
    const response = await fetchUpstream({
      upstream,
      url: `${await discovery.getBaseUrl(pluginId)}${path}`,
      method: body === undefined ? 'GET' : 'POST',
      token,
      body,
      headers,
      timeoutMs,
      maxResponseBytes,
    });
    if (!response.ok) {
      const text = await response.excerpt();
      const message = /"message"\s*:\s*"([^"]{1,300})"/.exec(text)?.[1];
      throw new UpstreamUnavailableError(
        `${upstream} answered ${response.status}${
          message ? `: ${message}` : ''
        }`,
      );
    }
    return response.json<T>();
  };
}
