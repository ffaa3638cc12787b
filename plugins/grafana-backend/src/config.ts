import { Config } from '@backstage/config';
import {
  DEFAULT_MAX_RESPONSE_BYTES,
  readDurationMs,
  upstreamBaseUrl,
} from '@forja/plugin-forja-node';

export interface GrafanaHostConfig {
  id: string;
  /** The Grafana people open; links point here. */
  domain: string;
  /** Where the backend calls the API. */
  apiUrl: string;
  token?: string;
  embeddable: boolean;
  /** Rulers whose alert rules are read: `grafana` (Grafana-managed) and data source uids. */
  alertRulers: string[];
}

export interface GrafanaConfig {
  hosts: GrafanaHostConfig[];
  defaultHost?: string;
  searchPageSize: number;
  searchMaxPages: number;
  requestTimeoutMs: number;
  maxConcurrentRequests: number;
  /** Largest answer read from a host (a search page, a query's frames). */
  maxResponseBytes: number;
  cacheFreshMs: number;
  cacheStaleMs: number;
}

/**
 * Reads `grafana` config: `hosts[]`, or the single-host `domain` as host `default` (the
 * community plugin's rule). A bad value fails at start-up naming the key.
 */
export function readGrafanaConfig(config: Config): GrafanaConfig {
  const grafana = config.getOptionalConfig('grafana');
  const hosts: GrafanaHostConfig[] = [];
  const read = (host: Config, id: string, key: string) => {
    const domain = upstreamBaseUrl(host.getString('domain'), `${key}.domain`);
    const apiUrl = host.getOptionalString('apiUrl');
    if (hosts.some(h => h.id === id)) {
      throw new Error(`${key}.id "${id}" is used by another host`);
    }
    hosts.push({
      id,
      domain,
      apiUrl: apiUrl ? upstreamBaseUrl(apiUrl, `${key}.apiUrl`) : domain,
      token: host.getOptionalString('token'),
      embeddable: host.getOptionalBoolean('embeddable') ?? false,
      alertRulers: [
        'grafana',
        ...(host.getOptionalStringArray('alertDatasources') ?? []).map(
          (uid, i) => {
            if (!/^[A-Za-z0-9._-]{1,40}$/.test(uid))
              throw new Error(
                `${key}.alertDatasources[${i}] "${uid}" is not a data source uid`,
              );
            return uid;
          },
        ),
      ],
    });
  };
  const configured = grafana?.getOptionalConfigArray('hosts') ?? [];
  configured.forEach((host, i) =>
    read(host, host.getString('id'), `grafana.hosts[${i}]`),
  );
  if (!configured.length && grafana?.has('domain')) {
    read(grafana, 'default', 'grafana');
  }
  const defaultHost = grafana?.getOptionalString('defaultHost');
  if (defaultHost && !hosts.some(h => h.id === defaultHost)) {
    throw new Error(
      `grafana.defaultHost is "${defaultHost}" but no host has that id (hosts: ${hosts
        .map(h => h.id)
        .join(', ')})`,
    );
  }
  return {
    hosts,
    defaultHost,
    searchPageSize: Math.min(
      grafana?.getOptionalNumber('grafanaDashboardSearchLimit') ?? 1000,
      5000,
    ),
    searchMaxPages:
      grafana?.getOptionalNumber('grafanaDashboardMaxPages') ?? 100,
    requestTimeoutMs: readDurationMs(config, 'grafana.requestTimeout', {
      deprecated: { key: 'grafana.requestTimeoutMs', unit: 'milliseconds' },
      defaultValue: { seconds: 10 },
    }),
    maxConcurrentRequests:
      grafana?.getOptionalNumber('maxConcurrentRequests') ?? 8,
    maxResponseBytes: positiveInteger(
      grafana?.getOptionalNumber('maxResponseBytes') ??
        DEFAULT_MAX_RESPONSE_BYTES,
      'grafana.maxResponseBytes',
    ),
    // 0: every read goes to Grafana (concurrent ones share it).
    cacheFreshMs: readDurationMs(config, 'grafana.cacheFresh', {
      deprecated: { key: 'grafana.cacheFreshSeconds', unit: 'seconds' },
      defaultValue: { seconds: 30 },
      allowZero: true,
    }),
    cacheStaleMs: readDurationMs(config, 'grafana.cacheStale', {
      deprecated: { key: 'grafana.cacheStaleSeconds', unit: 'seconds' },
      defaultValue: { minutes: 10 },
    }),
  };
}

function positiveInteger(value: number, key: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new Error(`${key} must be a positive whole number, got ${value}`);
  }
  return value;
}
