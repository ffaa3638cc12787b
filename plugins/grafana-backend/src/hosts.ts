import { Entity } from '@backstage/catalog-model';
import { isUpstreamFailure, upstreamStatus } from '@forja/plugin-forja-node';
import {
  GRAFANA_ANNOTATION_HOST_ID,
  GrafanaSource,
} from '@forja/plugin-grafana-common';
import { GrafanaClient } from './client';
import { GrafanaConfig } from './config';

/** The host an entity is read from, or the response's source saying there is none to ask. */
export type EntityHost =
  | { client: GrafanaClient; source?: undefined }
  | { client?: undefined; source: GrafanaSource };

/**
 * The entity's host: the one its `grafana/host-id` names, else the configured default,
 * else the first configured.
 */
export function hostOf(
  entity: Entity,
  config: Pick<GrafanaConfig, 'hosts' | 'defaultHost'>,
  clients: Map<string, GrafanaClient>,
): EntityHost {
  const named =
    entity.metadata.annotations?.[GRAFANA_ANNOTATION_HOST_ID]?.trim();
  const id = named || config.defaultHost || config.hosts[0]?.id;
  const client = id ? clients.get(id) : undefined;
  if (!config.hosts.length) {
    return { source: { configured: false, status: 'unavailable' } };
  }
  if (!client) {
    return {
      source: {
        configured: true,
        host: id,
        status: 'unavailable',
        message: `no Grafana host with id ${id} is configured`,
      },
    };
  }
  return { client };
}

/**
 * Runs `read` against the host: its answer with an ok source; a host that is missing or
 * fails (unreachable, credentials refused) becomes the response's status, with `empty`.
 * Any other error is thrown.
 */
export async function fromHost<T extends object>(
  host: EntityHost,
  empty: T,
  read: (client: GrafanaClient) => Promise<T & { fetchedAt?: string }>,
): Promise<T & GrafanaSource> {
  const { client, source } = host;
  if (!client) return { ...empty, ...source };
  try {
    return {
      configured: true,
      host: client.host.id,
      status: 'ok',
      ...(await read(client)),
    };
  } catch (error) {
    if (isUpstreamFailure(error)) {
      return {
        ...empty,
        configured: true,
        host: client.host.id,
        ...upstreamStatus(error),
      };
    }
    throw error;
  }
}
