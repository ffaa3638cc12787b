import { NotFoundError } from '@backstage/errors';
import { isUpstreamFailure, SwrCache } from '@forja/plugin-forja-node';
import { GrafanaTimeRange, PanelData } from '@forja/plugin-grafana-common';
import { createHash } from 'node:crypto';
import { PanelRef } from './annotations';
import {
  DashboardJson,
  DatasourceRef,
  GrafanaClient,
  GrafanaPanel,
} from './client';
import { GrafanaHostConfig } from './config';
import {
  flattenPanels,
  framesOf,
  panelKind,
  panelQueryBody,
  variableValues,
} from './panels';

const DAY_MS = 24 * 36e5;

/** A panel asked for, with its dashboard's JSON and the panel, where found. */
export interface WantedPanel {
  ref: PanelRef;
  json?: DashboardJson;
  panel?: GrafanaPanel;
}

/**
 * The panels the refs name in the dashboards read (undefined: no such dashboard): one per
 * `uid:id`, every panel (rows' included) for a bare uid.
 */
export function wantedPanels(
  refs: PanelRef[],
  dashboards: Map<string, DashboardJson | undefined>,
): WantedPanel[] {
  return refs.flatMap(ref => {
    const json = dashboards.get(ref.uid);
    if (!json) return [{ ref }];
    const all = flattenPanels(json.dashboard.panels);
    return ref.panelId === undefined
      ? all.map(panel => ({ ref, json, panel }))
      : [{ ref, json, panel: all.find(p => p.id === ref.panelId) }];
  });
}

/** `&var-k=v` for each of the entity's variables, for links into Grafana. */
export const variablesQuery = (values: Record<string, string>) =>
  Object.entries(values)
    .map(([k, v]) => `&var-${encodeURIComponent(k)}=${encodeURIComponent(v)}`)
    .join('');

/**
 * A panel without its data: title, kind, display settings and links (a solo link on
 * embeddable hosts); an error when its dashboard or the panel is missing.
 */
export function describePanel(
  { ref, json, panel }: WantedPanel,
  options: {
    host: Pick<GrafanaHostConfig, 'id' | 'domain' | 'embeddable'>;
    range: GrafanaTimeRange;
    /** See variablesQuery. */
    varQuery: string;
  },
): PanelData {
  const { host, range, varQuery } = options;
  const panelId = panel?.id ?? ref.panelId ?? 0;
  const view = `${host.domain}/d/${ref.uid}/?viewPanel=${panelId}&from=now-${range}&to=now${varQuery}`;
  const base: PanelData = {
    dashboardUid: ref.uid,
    panelId,
    title: panel?.title ?? `${ref.uid} panel ${panelId}`,
    kind: panel ? panelKind(panel.type) : 'unsupported',
    grafanaType: panel?.type ?? 'unknown',
    frames: [],
    url: view,
    ...(host.embeddable
      ? {
          embedUrl: `${host.domain}/d-solo/${ref.uid}/?panelId=${panelId}&from=now-${range}&to=now${varQuery}`,
        }
      : {}),
  };
  if (!json) return { ...base, error: `no dashboard ${ref.uid} in ${host.id}` };
  if (!panel) {
    return { ...base, error: `dashboard ${ref.uid} has no panel ${panelId}` };
  }
  const defaults = panel.fieldConfig?.defaults ?? {};
  return {
    ...base,
    unit: defaults.unit,
    decimals: defaults.decimals,
    min: defaults.min,
    max: defaults.max,
    thresholds: defaults.thresholds?.steps,
  };
}

/**
 * Panels and their data from one host, each read through the cache: dashboard JSON per
 * uid, datasources named by name (a day), and each query body's answer. A panel that fails
 * (missing, unsupported, a query Grafana refuses) says why; the host failing fails all.
 */
export function createPanelReader(client: GrafanaClient, cache: SwrCache) {
  const host = client.host;

  const dashboardJson = (uid: string) =>
    cache.cached(`grafana:dashboard:${host.id}:${uid}`, () =>
      client.dashboard(uid),
    );

  const resolveDatasource = async (
    ref: DatasourceRef | string | null | undefined,
  ): Promise<DatasourceRef> => {
    if (ref && typeof ref === 'object' && ref.uid) {
      return { uid: ref.uid, type: ref.type };
    }
    if (typeof ref === 'string' && ref) {
      const { value } = await cache.cached(
        `grafana:datasource:${host.id}:${ref}`,
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
    resolveDatasource,

    async read(options: {
      refs: PanelRef[];
      /** The entity's variable values (`forja.dev/grafana-variables`). */
      entityValues: Record<string, string>;
      range: GrafanaTimeRange;
    }): Promise<{
      range: GrafanaTimeRange;
      panels: PanelData[];
      fetchedAt?: string;
    }> {
      const { refs, entityValues, range } = options;
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
                await dashboardJson(uid).then(
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
      const varQuery = variablesQuery(entityValues);
      const panels = await Promise.all(
        wantedPanels(refs, dashboards).map(
          async (wanted): Promise<PanelData> => {
            const described = describePanel(wanted, { host, range, varQuery });
            const { json, panel } = wanted;
            if (!json || !panel || described.kind === 'unsupported') {
              return described;
            }
            const variables = variableValues(
              json.dashboard.templating?.list,
              entityValues,
            );
            try {
              const body = await panelQueryBody({
                panel,
                variables,
                range,
                resolve: resolveDatasource,
              });
              // A query Grafana answers with an error is an answer: cached like frames.
              const { value, fetchedAt } = await cache.cached(
                `grafana:panel:${host.id}:${createHash('sha256')
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
          },
        ),
      );
      return { range, panels, fetchedAt: oldest };
    },
  };
}
