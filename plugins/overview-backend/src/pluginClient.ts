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

/** Another backend answered an error status; `status` says which (410: a list to start again). */
export class PluginAnswerError extends UpstreamUnavailableError {
  constructor(message: string, readonly status: number) {
    super(message);
  }
}

/**
 * Calls another backend plugin as this plugin (a service token for that plugin only).
 * Anything but a 2xx JSON answer within `maxResponseBytes` is UpstreamUnavailableError
 * naming the plugin (PluginAnswerError, with the status, for an error answer).
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
      // Between backends on one network, compressing megabytes of JSON only to
      // decompress them costs both sides' event loop more than the bytes cost.
      headers: { 'accept-encoding': 'identity', ...headers },
      timeoutMs,
      maxResponseBytes,
    });
    if (!response.ok) {
      const text = await response.excerpt();
      const message = /"message"\s*:\s*"([^"]{1,300})"/.exec(text)?.[1];
      throw new PluginAnswerError(
        `${upstream} answered ${response.status}${
          message ? `: ${message}` : ''
        }`,
        response.status,
      );
    }
    return response.json<T>();
  };
}
