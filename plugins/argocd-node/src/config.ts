import { Config } from '@backstage/config';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  readDurationMs,
  upstreamBaseUrl,
} from '@forja/plugin-forja-node';

export interface ArgoCdInstanceConfig {
  name: string;
  url: string;
  frontendUrl: string;
  token?: string;
  username?: string;
  password?: string;
}

export interface ArgoCdConfig {
  instances: ArgoCdInstanceConfig[];
  requestTimeoutMs: number;
  maxConcurrentRequests: number;
  /** Largest answer read from an instance (a list of 10,000 applications is about 14 MB). */
  maxResponseBytes: number;
  cacheFreshMs: number;
  cacheStaleMs: number;
}

export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;
export const DEFAULT_MAX_CONCURRENT_REQUESTS = 8;
export const DEFAULT_CACHE_FRESH_SECONDS = 15;
export const DEFAULT_CACHE_STALE_SECONDS = 300;

/** Reads `argocd` config; a bad combination fails at start-up naming the key. */
export function readArgoCdConfig(config: Config): ArgoCdConfig {
  const argocd = config.getOptionalConfig('argocd');
  const instances: ArgoCdInstanceConfig[] = [];
  (argocd?.getOptionalConfigArray('appLocatorMethods') ?? []).forEach(
    (method, m) => {
      const key = `argocd.appLocatorMethods[${m}]`;
      const type = method.getString('type');
      if (type !== 'config') {
        throw new Error(`${key}.type must be "config", got "${type}"`);
      }
      method.getConfigArray('instances').forEach((instance, i) => {
        const at = `${key}.instances[${i}]`;
        const name = instance.getString('name');
        const url = upstreamBaseUrl(instance.getString('url'), `${at}.url`);
        if (instances.some(existing => existing.name === name)) {
          throw new Error(`${at}.name "${name}" is used by another instance`);
        }
        const token = instance.getOptionalString('token');
        const username =
          instance.getOptionalString('username') ??
          argocd?.getOptionalString('username');
        const password =
          instance.getOptionalString('password') ??
          argocd?.getOptionalString('password');
        if (!token && !(username && password)) {
          throw new Error(`${at} needs a token, or a username and password`);
        }
        instances.push({
          name,
          url,
          frontendUrl: (
            instance.getOptionalString('frontendUrl') ?? url
          ).replace(/\/+$/, ''),
          token,
          username: token ? undefined : username,
          password: token ? undefined : password,
        });
      });
    },
  );
  return {
    instances,
    requestTimeoutMs: readDurationMs(config, 'argocd.requestTimeout', {
      deprecated: { key: 'argocd.requestTimeoutMs', unit: 'milliseconds' },
      defaultValue: { milliseconds: DEFAULT_REQUEST_TIMEOUT_MS },
    }),
    maxConcurrentRequests:
      argocd?.getOptionalNumber('maxConcurrentRequests') ??
      DEFAULT_MAX_CONCURRENT_REQUESTS,
    maxResponseBytes: positiveInteger(
      argocd?.getOptionalNumber('maxResponseBytes') ??
        DEFAULT_MAX_RESPONSE_BYTES,
      'argocd.maxResponseBytes',
    ),
    // 0: every read goes to Argo CD (concurrent ones share it).
    cacheFreshMs: readDurationMs(config, 'argocd.cacheFresh', {
      deprecated: { key: 'argocd.cacheFreshSeconds', unit: 'seconds' },
      defaultValue: { seconds: DEFAULT_CACHE_FRESH_SECONDS },
      allowZero: true,
    }),
    cacheStaleMs: readDurationMs(config, 'argocd.cacheStale', {
      deprecated: { key: 'argocd.cacheStaleSeconds', unit: 'seconds' },
      defaultValue: { seconds: DEFAULT_CACHE_STALE_SECONDS },
    }),
  };
}

function positiveInteger(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a positive whole number, got ${value}`);
  }
  return value;
}
