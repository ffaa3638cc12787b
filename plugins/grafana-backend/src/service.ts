import { Entity } from '@backstage/catalog-model';
import { createHash } from 'node:crypto';
import { InputError, NotFoundError } from '@backstage/errors';
import {
  SwrCache,
  isUpstreamFailure,
  upstreamStatus,
} from '@forja/plugin-forja-node';
import {
  AlertsResponse,
  AlertState,
  DashboardsResponse,
  GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR,
  GRAFANA_ANNOTATION_DASHBOARD_SELECTOR,
  GRAFANA_ANNOTATION_HOST_ID,
  GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD,
  GRAFANA_ANNOTATION_PANELS,
  GRAFANA_ANNOTATION_TAG_SELECTOR,
  GRAFANA_ANNOTATION_VARIABLES,
  GrafanaAlertRule,
  GrafanaDashboard,
  GrafanaSource,
  GrafanaTimeRange,
  PanelData,
  PanelsResponse,
} from '@forja/plugin-grafana-common';
import {
  DashboardJson,
  DatasourceRef,
  GrafanaClient,
  GrafanaPanel,
} from './client';
import { GrafanaConfig } from './config';
import {
  flattenPanels,
  framesOf,
  panelKind,
  panelQueryBody,
  variableValues,
} from './panels';
import { dashboardMatcher, SelectorError } from './selector';

const UID = /^[A-Za-z0-9_-]{1,40}$/;
const LABEL_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const SAFE_VALUE = /^[A-Za-z0-9_.:@/+-]{0,200}$/;

/** `k=v, k2=v2` as pairs; anything else names the annotation in a 400. */
function readPairs(value: string | undefined, key: string) {
  const pairs: Record<string, string> = {};
  for (const part of (value ?? '')
    .split(',')
    .map(p => p.trim())
    .filter(Boolean)) {
    const [name, ...rest] = part.split('=');
    const pairValue = rest.join('=').trim();
    if (!LABEL_NAME.test(name.trim()) || !SAFE_VALUE.test(pairValue)) {
      throw new InputError(
        `annotation ${key} must be name=value pairs separated by commas; "${part}" is not one Forja sends`,
      );
    }
    pairs[name.trim()] = pairValue;
  }
  return pairs;
}

/** Which panels the entity asks for: `uid:id` pairs, or every panel of its overview dashboard. */
function readPanelRefs(
  entity: Entity,
): Array<{ uid: string; panelId?: number }> {
  const annotations = entity.metadata.annotations ?? {};
  const listed = annotations[GRAFANA_ANNOTATION_PANELS]?.trim();
  if (listed) {
    return listed
      .split(',')
      .map(p => p.trim())
      .filter(Boolean)
      .map(part => {
        const match = /^([A-Za-z0-9_-]{1,40}):(\d{1,6})$/.exec(part);
        if (!match) {
          throw new InputError(
            `annotation ${GRAFANA_ANNOTATION_PANELS} must list <dashboard uid>:<panel id>; "${part}" is not one`,
          );
        }
        return { uid: match[1], panelId: Number(match[2]) };
      });
  }
  const overview = annotations[GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD]?.trim();
  if (!overview) return [];
  const uid = /\/d(?:-solo)?\/([^/?#]+)/.exec(overview)?.[1] ?? overview;
  if (!UID.test(uid)) {
    throw new InputError(
      `annotation ${GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD} names no dashboard uid Forja can read: "${overview}"`,
    );
  }
  return [{ uid }];
}

const ALERT_ORDER: AlertState[] = [
  'firing',
  'pending',
  'error',
  'nodata',
  'recovering',
  'inactive',
];

function alertState(rule: { state?: string; health?: string }): AlertState {
  if (
    rule.state === 'firing' ||
    rule.state === 'pending' ||
    rule.state === 'recovering'
  ) {
    return rule.state;
  }
  if (rule.health === 'error' || rule.health === 'nodata') return rule.health;
  return 'inactive';
}

const DAY_MS = 24 * 36e5;

export interface EntityGrafanaService {
  dashboards(entity: Entity): Promise<DashboardsResponse>;
  alerts(entity: Entity): Promise<AlertsResponse>;
  panels(entity: Entity, range: GrafanaTimeRange): Promise<PanelsResponse>;
}

export function createEntityGrafanaService(options: {
  config: GrafanaConfig;
  clients: Map<string, GrafanaClient>;
  cache: SwrCache;
}): EntityGrafanaService {
  const { config, clients, cache } = options;

  /** The entity's host, or a response saying there is none to ask. */
  const hostOf = (entity: Entity) => {
    const named =
      entity.metadata.annotations?.[GRAFANA_ANNOTATION_HOST_ID]?.trim();
    const id = named || config.defaultHost || config.hosts[0]?.id;
    const client = id ? clients.get(id) : undefined;
    if (!config.hosts.length) {
      return {
        source: { configured: false, status: 'unavailable' } as GrafanaSource,
      };
    }
    if (!client) {
      return {
        source: {
          configured: true,
          host: id,
          status: 'unavailable',
          message: `no Grafana host with id ${id} is configured`,
        } as GrafanaSource,
      };
    }
    return { client };
  };

  /** Runs `read` against the host; a failing host becomes the response's status. */
  async function fromHost<T extends object>(
    entity: Entity,
    empty: T,
    read: (client: GrafanaClient) => Promise<T & { fetchedAt?: string }>,
  ): Promise<T & GrafanaSource> {
    const { client, source } = hostOf(entity);
    if (!client) return { ...empty, ...source! };
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

  const dashboardJson = (client: GrafanaClient, uid: string) =>
    cache.cached(`grafana:dashboard:${client.host.id}:${uid}`, () =>
      client.dashboard(uid),
    );

  const datasourceResolver =
    (client: GrafanaClient) =>
    async (
      ref: DatasourceRef | string | null | undefined,
    ): Promise<DatasourceRef> => {
      if (ref && typeof ref === 'object' && ref.uid) {
        return { uid: ref.uid, type: ref.type };
      }
      if (typeof ref === 'string' && ref) {
        const { value } = await cache.cached(
          `grafana:datasource:${client.host.id}:${ref}`,
          async () => {
            const found = await client.datasourceByName(ref);
            return { uid: found.uid, type: found.type };
          },
          { freshMs: DAY_MS, ttlMs: DAY_MS },
        );
        return value;
      }
      throw new Error('the panel names no datasource Forja can resolve');
    };

  return {
    async dashboards(entity) {
      const annotations = entity.metadata.annotations ?? {};
      let matches;
      try {
        matches = dashboardMatcher({
          selector: annotations[GRAFANA_ANNOTATION_DASHBOARD_SELECTOR]?.trim(),
          tag: annotations[GRAFANA_ANNOTATION_TAG_SELECTOR]?.trim(),
        });
      } catch (error) {
        if (!(error instanceof SelectorError)) throw error;
        throw new InputError(
          `annotation ${GRAFANA_ANNOTATION_DASHBOARD_SELECTOR}: ${error.message}`,
        );
      }
      return fromHost(
        entity,
        { dashboards: [] as GrafanaDashboard[], searched: 0 },
        async client => {
          const { value, fetchedAt } = await cache.cached(
            `grafana:search:${client.host.id}`,
            () => client.searchDashboards(),
          );
          const { hits } = value;
          let evaluationError: string | undefined;
          const dashboards: GrafanaDashboard[] = hits
            .filter(hit => {
              try {
                return matches({
                  title: hit.title,
                  tags: hit.tags ?? [],
                  url: hit.url,
                  folderTitle: hit.folderTitle ?? '',
                });
              } catch (error) {
                evaluationError = (error as Error).message;
                return false;
              }
            })
            .map(hit => ({
              uid: hit.uid,
              title: hit.title,
              url: `${client.host.domain}${hit.url}`,
              folderTitle: hit.folderTitle,
              tags: hit.tags ?? [],
            }));
          if (evaluationError) {
            throw new InputError(
              `annotation ${GRAFANA_ANNOTATION_DASHBOARD_SELECTOR}: ${evaluationError}`,
            );
          }
          return { dashboards, searched: hits.length, fetchedAt };
        },
      );
    },

    async alerts(entity) {
      const selector = readPairs(
        entity.metadata.annotations?.[GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR],
        GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR,
      );
      return fromHost(
        entity,
        { alerts: [] as GrafanaAlertRule[] },
        async client => {
          const read = await Promise.all(
            client.host.alertRulers.map(ruler =>
              cache.cached(
                ruler === 'grafana'
                  ? `grafana:rules:${client.host.id}`
                  : `grafana:rules:${client.host.id}:${ruler}`,
                () => client.alertRules(ruler),
              ),
            ),
          );
          const fetchedAt = read.map(r => r.fetchedAt).sort()[0];
          const groups = read.flatMap(({ value }) => value.data?.groups ?? []);
          const alerts: GrafanaAlertRule[] = groups.flatMap(group =>
            (group.rules ?? [])
              .filter(rule =>
                Object.entries(selector).every(
                  ([k, v]) => rule.labels?.[k] === v,
                ),
              )
              .map(rule => {
                const active = (rule.alerts ?? [])
                  .map(a => a.activeAt)
                  .filter((t): t is string => Boolean(t))
                  .sort();
                return {
                  name: rule.name,
                  state: alertState(rule),
                  severity: rule.labels?.severity,
                  summary: rule.annotations?.summary,
                  description: rule.annotations?.description,
                  runbookUrl: rule.annotations?.runbook_url,
                  labels: rule.labels ?? {},
                  folder: group.file,
                  group: group.name,
                  activeAt: active[0],
                  // Grafana-managed alerts say Alerting, a data source's ruler firing.
                  firing: (rule.alerts ?? []).filter(
                    a => a.state === 'Alerting' || a.state === 'firing',
                  ).length,
                  url: `${
                    client.host.domain
                  }/alerting/list?search=${encodeURIComponent(rule.name)}`,
                };
              }),
          );
          alerts.sort(
            (a, b) =>
              ALERT_ORDER.indexOf(a.state) - ALERT_ORDER.indexOf(b.state) ||
              a.name.localeCompare(b.name),
          );
          return { alerts, fetchedAt };
        },
      );
    },

    async panels(entity, range) {
      const refs = readPanelRefs(entity);
      const entityValues = readPairs(
        entity.metadata.annotations?.[GRAFANA_ANNOTATION_VARIABLES],
        GRAFANA_ANNOTATION_VARIABLES,
      );
      return fromHost(
        entity,
        { range, panels: [] as PanelData[] },
        async client => {
          let oldest: string | undefined;
          const seen = (fetchedAt: string) => {
            if (!oldest || fetchedAt < oldest) oldest = fetchedAt;
          };
          const uids = [...new Set(refs.map(r => r.uid))];
          const dashboards = new Map(
            await Promise.all(
              uids.map(
                async uid =>
                  [
                    uid,
                    await dashboardJson(client, uid).then(
                      found => {
                        seen(found.fetchedAt);
                        return found.value;
                      },
                      error => {
                        if (error instanceof NotFoundError) return undefined;
                        throw error;
                      },
                    ),
                  ] as const,
              ),
            ),
          );
          const varQuery = Object.entries(entityValues)
            .map(
              ([k, v]) =>
                `&var-${encodeURIComponent(k)}=${encodeURIComponent(v)}`,
            )
            .join('');
          const wanted: Array<{
            ref: { uid: string; panelId?: number };
            json?: DashboardJson;
            panel?: GrafanaPanel;
          }> = refs.flatMap(ref => {
            const json = dashboards.get(ref.uid);
            if (!json) return [{ ref }];
            const all = flattenPanels(json.dashboard.panels);
            return ref.panelId === undefined
              ? all.map(panel => ({ ref, json, panel }))
              : [{ ref, json, panel: all.find(p => p.id === ref.panelId) }];
          });
          const panels = await Promise.all(
            wanted.map(async ({ ref, json, panel }): Promise<PanelData> => {
              const panelId = panel?.id ?? ref.panelId ?? 0;
              const view = `${client.host.domain}/d/${ref.uid}/?viewPanel=${panelId}&from=now-${range}&to=now${varQuery}`;
              const base: PanelData = {
                dashboardUid: ref.uid,
                panelId,
                title: panel?.title ?? `${ref.uid} panel ${panelId}`,
                kind: panel ? panelKind(panel.type) : 'unsupported',
                grafanaType: panel?.type ?? 'unknown',
                frames: [],
                url: view,
                ...(client.host.embeddable
                  ? {
                      embedUrl: `${client.host.domain}/d-solo/${ref.uid}/?panelId=${panelId}&from=now-${range}&to=now${varQuery}`,
                    }
                  : {}),
              };
              if (!json)
                return {
                  ...base,
                  error: `no dashboard ${ref.uid} in ${client.host.id}`,
                };
              if (!panel)
                return {
                  ...base,
                  error: `dashboard ${ref.uid} has no panel ${panelId}`,
                };
              const defaults = panel.fieldConfig?.defaults ?? {};
              const described: PanelData = {
                ...base,
                unit: defaults.unit,
                decimals: defaults.decimals,
                min: defaults.min,
                max: defaults.max,
                thresholds: defaults.thresholds?.steps,
              };
              if (described.kind === 'unsupported') return described;
              const variables = variableValues(
                json.dashboard.templating?.list,
                entityValues,
              );
              try {
                const body = await panelQueryBody({
                  panel,
                  variables,
                  range,
                  resolve: datasourceResolver(client),
                });
                // A query Grafana answers with an error is an answer: cached like frames.
                const { value, fetchedAt } = await cache.cached(
                  `grafana:panel:${client.host.id}:${createHash('sha256')
                    .update(JSON.stringify(body))
                    .digest('hex')}`,
                  async () => {
                    const answer = await client.query(body);
                    try {
                      return { frames: framesOf(answer) };
                    } catch (error) {
                      return { error: (error as Error).message };
                    }
                  },
                );
                seen(fetchedAt);
                const result = value as {
                  frames?: PanelData['frames'];
                  error?: string;
                };
                return result.error
                  ? { ...described, error: result.error }
                  : { ...described, frames: result.frames ?? [] };
              } catch (error) {
                if (isUpstreamFailure(error)) throw error;
                return { ...described, error: (error as Error).message };
              }
            }),
          );
          return { range, panels, fetchedAt: oldest };
        },
      );
    },
  };
}
