import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { entityEnvironments } from '@forja/plugin-cost-common';
import { LruMap, Semaphore, SwrCache } from '@forja/plugin-forja-node';
import {
  OverviewCell,
  OverviewResponse,
  OverviewRow,
  OverviewSourceStatus,
} from '@forja/plugin-overview-common';
import { OverviewConfig } from './config';
import { allowedSources, visibleComponents } from './overview/access';
import { grafanaConfigured, grafanaFailures } from './overview/cells/alerts';
import {
  argocdConfigured,
  argocdFailures,
  argocdPart,
} from './overview/cells/argocd';
import {
  kubernetesConfigured,
  kubernetesFailures,
  kubernetesPart,
} from './overview/cells/kubernetes';
import { OverviewFilters, overviewRow, selectRows } from './overview/rows';
import { createScopeReader, OverviewScope, scopeKey } from './overview/scope';
import { createSourceReader, SourceReader } from './overview/sourceReader';
import { sourceStatus } from './overview/sourceStatus';
import { PluginCall } from './pluginClient';
import {
  readAlerts,
  readApplications,
  readCosts,
  readWorkloads,
  refOf,
} from './sources';

export type { OverviewFilters } from './overview/rows';
export type { OverviewScope } from './overview/scope';
export type { SourceRead } from './overview/sourceReader';

export interface OverviewService {
  overview(
    scope: OverviewScope,
    credentials: BackstageCredentials,
    filters: OverviewFilters,
  ): Promise<OverviewResponse>;
  /** The Argo CD and Kubernetes parts of one entity's cells, for the Environments card. */
  entityCells(entity: Entity): Promise<{
    cells: Map<string, Pick<OverviewCell, 'argocd' | 'kubernetes'>>;
    sources: OverviewSourceStatus[];
  }>;
}

/** Built responses kept for viewers asking for the same one (a portal's is megabytes). */
export const SHARED_RESPONSES = 8;

/**
 * The overview: the scope's components (scope), each source read once through the cache
 * (sourceReader), one row per component the viewer may see (access) with each source's
 * part of every cell (cells/), filtered and sorted (rows).
 */
export function createOverviewService(options: {
  config: OverviewConfig;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  call: PluginCall;
  cache: SwrCache;
  logger: LoggerService;
}): OverviewService {
  const { config, catalog, permissions, call, cache, logger } = options;
  const periods = { freshMs: config.freshMs, ttlMs: config.staleMs };
  const read = createSourceReader({
    cache,
    periods,
    firstAnswerMs: config.firstAnswerMs,
  });
  const uncachedRead: SourceReader = async (_key, _timeoutMs, load) => ({
    state: 'ok',
    value: await load(),
    fetchedAt: new Date().toISOString(),
  });
  const scopes = createScopeReader({ ...options, periods });
  /** Responses shared by viewers with the same decisions on the same answers (see overview). */
  const responses = new LruMap<string, OverviewResponse>(SHARED_RESPONSES);
  const builtRows = new LruMap<string, OverviewRow[]>(SHARED_RESPONSES);
  // Each components list read from the cache, by identity: a new read is a new list.
  const listIds = new WeakMap<Entity[], number>();
  let lists = 0;
  const listId = (list: Entity[]) => {
    if (!listIds.has(list)) listIds.set(list, ++lists);
    return listIds.get(list);
  };

  // Each source's load runs at most maxConcurrentRequests calls at once.
  const sourceOptions = (timeoutMs: number) => ({
    call,
    timeoutMs,
    limit: new Semaphore(config.maxConcurrentRequests),
  });
  const readKubernetes = (asked?: number) =>
    read(
      'overview:kubernetes',
      config.sourceTimeoutMs,
      () =>
        readWorkloads({
          ...sourceOptions(config.sourceTimeoutMs),
          clusterEnvironments: config.clusterEnvironments,
          paging: config.kubernetesPaging,
        }),
      asked,
    );

  return {
    async overview(scope, credentials, filters) {
      const asked = Date.now();
      const key = scopeKey(scope);
      const all = await scopes.components(scope);
      const listed = Date.now();
      // No component (on a fresh start, the catalog still reading its locations): nothing
      // to ask, and nothing to hold under the scope's keys for the next view to find.
      const readScope = all.length ? read : uncachedRead;
      const [entities, argocd, kubernetes, alerts, costs] = await Promise.all([
        visibleComponents(
          { permissions, catalog },
          () => scopes.filter(scope),
          all,
          credentials,
        ),
        readScope(
          `overview:argocd:${key}`,
          config.sourceTimeoutMs,
          () => readApplications(all, sourceOptions(config.sourceTimeoutMs)),
          asked,
        ),
        readKubernetes(asked),
        readScope(
          `overview:grafana:${key}`,
          config.sourceTimeoutMs,
          () => readAlerts(all, sourceOptions(config.sourceTimeoutMs)),
          asked,
        ),
        readScope(
          `overview:cost:${key}`,
          config.costTimeoutMs,
          () => readCosts(all, sourceOptions(config.costTimeoutMs)),
          asked,
        ),
      ]);
      const sourcesRead = Date.now();
      const allowedFor = await allowedSources(
        permissions,
        entities,
        credentials,
      );
      const decided = Date.now();
      // Viewers of one scope with the same decisions, on the same answers, share the rows
      // (built once per answer, not per viewer) and, for the same filters, the response
      // (the router serializes it once).
      const sameRows =
        entities === all && allowedFor.uniform !== undefined
          ? JSON.stringify([
              key,
              listId(all),
              allowedFor.uniform,
              ...[argocd, kubernetes, alerts, costs].map(r => [
                r.state,
                r.fetchedAt,
                r.message,
              ]),
            ])
          : undefined;
      const sameResponse = sameRows && JSON.stringify([sameRows, filters]);
      const shared = sameResponse && responses.get(sameResponse);
      // Where a slow answer's time went, for whoever looks into one.
      const took = (built: string) =>
        logger.debug(
          `overview of ${key}: components listed in ${
            listed - asked
          } ms, sources read in ${
            sourcesRead - listed
          } ms, permissions decided in ${
            decided - sourcesRead
          } ms, ${built} in ${Date.now() - decided} ms`,
        );
      if (shared) {
        took('response shared');
        return shared;
      }
      let rows = sameRows ? builtRows.get(sameRows) : undefined;
      if (!rows) {
        const answers = { argocd, kubernetes, alerts, costs };
        rows = entities.map((entity, index) =>
          overviewRow(entity, answers, allowedFor(index)),
        );
        if (sameRows) builtRows.set(sameRows, rows);
      }
      const selected = selectRows(rows, filters);
      const response: OverviewResponse = {
        scope: key,
        matching: selected.matching,
        environments: selected.environments,
        rows: selected.rows,
        facets: selected.facets,
        total: selected.total,
        sources: [
          sourceStatus(
            'argocd',
            argocd,
            argocdFailures(argocd),
            argocdConfigured(argocd),
          ),
          sourceStatus(
            'kubernetes',
            kubernetes,
            kubernetesFailures(kubernetes),
            kubernetesConfigured(kubernetes),
          ),
          sourceStatus(
            'grafana',
            alerts,
            grafanaFailures(alerts),
            grafanaConfigured(alerts),
          ),
          sourceStatus('cost', costs, []),
        ],
        generatedAt: new Date().toISOString(),
      };
      if (sameResponse) responses.set(sameResponse, response);
      took(`response of ${selected.rows.length} rows built`);
      return response;
    },

    async entityCells(entity) {
      const ref = refOf(entity);
      const declared = entityEnvironments(entity);
      const [argocd, kubernetes] = await Promise.all([
        // Its own key space: a system's card and the system's overview hold different answers.
        read(`overview:entity-argocd:${ref}`, config.sourceTimeoutMs, () =>
          readApplications([entity], sourceOptions(config.sourceTimeoutMs)),
        ),
        readKubernetes(),
      ]);
      const argocdCell = argocdPart(argocd, ref, declared);
      const kubernetesCell = kubernetesPart(kubernetes, entity);
      const environments = new Set(declared);
      return {
        cells: new Map(
          [...environments].map(env => [
            env,
            { argocd: argocdCell(env), kubernetes: kubernetesCell(env) },
          ]),
        ),
        sources: [
          sourceStatus('argocd', argocd, [], argocdConfigured(argocd)),
          sourceStatus(
            'kubernetes',
            kubernetes,
            [],
            kubernetesConfigured(kubernetes),
          ),
        ],
      };
    },
  };
}
