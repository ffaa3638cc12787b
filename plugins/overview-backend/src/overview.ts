import {
  AuthService,
  BackstageCredentials,
  LoggerService,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity, RELATION_PARENT_OF } from '@backstage/catalog-model';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import {
  ApplicationSummary,
  argocdApplicationReadPermission,
  EntityApplications,
} from '@forja/plugin-argocd-common';
import {
  costEntityReadPermission,
  entityEnvironments,
} from '@forja/plugin-cost-common';
import {
  JsonCompatible,
  Semaphore,
  SwrCache,
  upstreamStatus,
} from '@forja/plugin-forja-node';
import {
  EntityAlerts,
  GrafanaAlertRule,
  grafanaEntityReadPermission,
} from '@forja/plugin-grafana-common';
import {
  AlertsCellValue,
  ArgoCdCellValue,
  CellPart,
  compareByTrouble,
  CostCellValue,
  KubernetesCellValue,
  orderEnvironments,
  OverviewCell,
  OverviewResponse,
  OverviewRow,
  OverviewSourceId,
  OverviewSourceStatus,
  rowStates,
  TroubleState,
} from '@forja/plugin-overview-common';
import { OverviewConfig } from './config';
import { PluginCall } from './pluginClient';
import {
  ComponentCost,
  ENVIRONMENT_LABEL,
  KUBERNETES_ID,
  KUBERNETES_NAMESPACE,
  KubernetesSnapshot,
  readAlerts,
  readApplications,
  readCosts,
  readWorkloads,
  refOf,
  relatedRef,
  Workload,
} from './sources';

/** Whose components: every component, a system's, or a group's. */
export type OverviewScope =
  | { kind: 'portal' }
  | { kind: 'system' | 'group'; ref: string };

export interface OverviewFilters {
  /** Only the first rows, trouble first (the page's first screen). */
  limit?: number;
  owner?: string;
  system?: string;
  environment?: string;
  state?: TroubleState;
}

/** A source's answer as read through the cache, or why there is none. */
export interface SourceRead<T> {
  state: 'ok' | 'stale' | 'pending' | 'failed';
  value?: T;
  fetchedAt?: string;
  message?: string;
}

const ENTITY_FIELDS = [
  'kind',
  'metadata.name',
  'metadata.namespace',
  'metadata.title',
  'metadata.annotations',
  'spec.owner',
  'spec.system',
];

const AUTHORIZE_BATCH = 240;

const scopeKey = (scope: OverviewScope) =>
  scope.kind === 'portal' ? 'portal' : scope.ref;

/** The group and every group under it, at any depth (cycles stop where they close). */
function groupAndDescendants(
  ref: string,
  childrenOf: Record<string, string[]>,
): string[] {
  const found = new Set([ref]);
  for (const group of found)
    for (const child of childrenOf[group] ?? []) found.add(child);
  return [...found];
}

const alertEnvironment = (rule: GrafanaAlertRule) =>
  rule.labels.environment ?? rule.labels.env ?? rule.labels[ENVIRONMENT_LABEL];

/** Where an application runs: its environment label, else an `-<env>` suffix of its name. */
function applicationEnvironment(
  app: ApplicationSummary,
  declared: string[],
): string | undefined {
  return (
    app.environment ??
    declared.find(env => app.name.endsWith(`-${env}`)) ??
    (declared.length === 1 ? declared[0] : undefined)
  );
}

/** Workloads by `backstage.io/kubernetes-id`, built once per snapshot read. */
const workloadIndex = new WeakMap<
  KubernetesSnapshot,
  Map<string, Workload[]>
>();

/** The entity's workloads (its kubernetes id, in its namespace when it names one). */
function workloadsOf(snapshot: KubernetesSnapshot, entity: Entity): Workload[] {
  const id = entity.metadata.annotations?.[KUBERNETES_ID];
  if (!id) return [];
  let index = workloadIndex.get(snapshot);
  if (!index) {
    index = new Map();
    for (const w of snapshot.workloads) {
      index.set(w.kubernetesId, [...(index.get(w.kubernetesId) ?? []), w]);
    }
    workloadIndex.set(snapshot, index);
  }
  const namespace = entity.metadata.annotations?.[KUBERNETES_NAMESPACE];
  return (index.get(id) ?? []).filter(
    w => !namespace || w.namespace === namespace,
  );
}

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

export function createOverviewService(options: {
  config: OverviewConfig;
  catalog: CatalogService;
  auth: AuthService;
  permissions: PermissionsService;
  call: PluginCall;
  cache: SwrCache;
  logger: LoggerService;
}): OverviewService {
  const { config, catalog, auth, permissions, call, cache } = options;
  const periods = { freshMs: config.freshMs, ttlMs: config.staleMs };
  // When each read still running began to be waited for: the first-answer budget is the
  // read's, not each viewer's (held only while the read runs).
  const waitedSince = new Map<string, number>();

  /**
   * One source through the shared cache with its own time limit. A source slower than
   * its limit fails this view; its read goes on and lands in the cache for the next one.
   */
  async function read<T>(
    key: string,
    timeoutMs: number,
    load: () => Promise<T & JsonCompatible<T>>,
    asked = Date.now(),
  ): Promise<SourceRead<T>> {
    let timer: NodeJS.Timeout | undefined;
    let firstAnswer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    // A read still running after the first-answer budget goes on (one load for every
    // caller, bounded by its own time limit); this answer goes out without it. The budget
    // counts from the request (not after the catalog read), and a viewer arriving during
    // the read waits only what is left of it.
    const since = Math.min(waitedSince.get(key) ?? asked, asked);
    const budget = Math.max(0, config.firstAnswerMs - (Date.now() - since));
    const pending = new Promise<'pending'>(resolve => {
      if (config.firstAnswerMs < timeoutMs)
        firstAnswer = setTimeout(() => resolve('pending'), budget);
    });
    const reading = cache.cached(key, load, periods);
    if (!waitedSince.has(key)) {
      waitedSince.set(key, since);
      reading.then(
        () => waitedSince.delete(key),
        () => waitedSince.delete(key),
      );
    } else reading.catch(() => {});
    try {
      const hit = await Promise.race([reading, timeout, pending]);
      if (hit === 'pending') return { state: 'pending' };
      return {
        state: hit.stale ? 'stale' : 'ok',
        value: hit.value,
        fetchedAt: hit.fetchedAt,
      };
    } catch (error) {
      return { state: 'failed', message: upstreamStatus(error).message };
    } finally {
      clearTimeout(timer);
      clearTimeout(firstAnswer);
    }
  }

  /** Each group's child groups (`parentOf`), read through the cache like the components. */
  const childGroups = async () => {
    const { value } = await cache.cached(
      'overview:groups',
      async () => {
        const { items } = await catalog.getEntities(
          {
            filter: { kind: 'group' },
            fields: [
              'kind',
              'metadata.name',
              'metadata.namespace',
              'relations',
            ],
          },
          { credentials: await auth.getOwnServiceCredentials() },
        );
        return Object.fromEntries(
          items.map(group => [
            refOf(group),
            (group.relations ?? [])
              .filter(r => r.type === RELATION_PARENT_OF)
              .map(r => r.targetRef),
          ]),
        );
      },
      periods,
    );
    return value;
  };

  /** A group's overview holds what it and the groups under it own. */
  const scopeFilter = async (
    scope: OverviewScope,
  ): Promise<Record<string, string | string[]>> => {
    if (scope.kind === 'system')
      return { kind: 'component', 'relations.partOf': scope.ref };
    if (scope.kind === 'group')
      return {
        kind: 'component',
        'relations.ownedBy': groupAndDescendants(
          scope.ref,
          await childGroups(),
        ),
      };
    return { kind: 'component' };
  };

  const components = async (scope: OverviewScope) => {
    const credentials = await auth.getOwnServiceCredentials();
    const { value } = await cache.cached(
      `overview:components:${scopeKey(scope)}`,
      async () =>
        (
          await catalog.getEntities(
            { filter: await scopeFilter(scope), fields: ENTITY_FIELDS },
            { credentials },
          )
        ).items,
      periods,
    );
    return value;
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
        }),
      asked,
    );

  function sourceStatus(
    source: OverviewSourceId,
    result: SourceRead<unknown>,
    failures: string[],
    configured = true,
  ): OverviewSourceStatus {
    if (result.state === 'failed')
      return { source, state: 'failed', message: result.message };
    if (result.state === 'pending') return { source, state: 'pending' };
    if (!configured) return { source, state: 'not-configured' };
    return {
      source,
      state: failures.length ? 'failed' : result.state,
      message: failures.length ? [...new Set(failures)].join('; ') : undefined,
      fetchedAt: result.fetchedAt,
    };
  }

  const failedPart = <T>(message?: string): CellPart<T> => ({
    state: 'failed',
    message,
  });
  const notConfigured = <T>(): CellPart<T> => ({ state: 'not-configured' });

  // Whether the other backends have anything configured to ask (instances, hosts, clusters).
  const bulkConfigured = <T>(
    result: SourceRead<Record<string, T>>,
    response: (entry: T) => { configured: boolean } | undefined,
  ) =>
    !Object.values(result.value ?? {}).some(
      e => response(e)?.configured === false,
    );
  const kubernetesConfigured = (result: SourceRead<KubernetesSnapshot>) =>
    result.value?.clusters.length !== 0;

  function argocdPart(
    result: SourceRead<Record<string, EntityApplications>>,
    ref: string,
    declared: string[],
  ): (env: string) => CellPart<ArgoCdCellValue> {
    if (result.state === 'failed') return () => failedPart(result.message);
    if (result.state === 'pending') return () => ({ state: 'pending' });
    const own = result.value?.[ref];
    if (!own) return () => ({ state: 'none' });
    if (own.error) return () => failedPart(own.error);
    const response = own.applications!;
    if (!response.configured) return notConfigured;
    const down = response.instances.filter(i => i.status !== 'ok');
    return env => {
      const applications = response.applications
        .filter(app => applicationEnvironment(app, declared) === env)
        .map(app => ({
          instance: app.instance,
          name: app.name,
          syncStatus: app.syncStatus,
          healthStatus: app.healthStatus,
          revision: app.revision,
          deployedAt: app.deployedAt,
          url: app.url,
        }));
      if (!applications.length && down.length)
        return failedPart(down.map(i => i.message ?? i.status).join('; '));
      return {
        state: applications.length ? result.state : 'none',
        fetchedAt: response.fetchedAt ?? result.fetchedAt,
        value: applications.length ? { applications } : undefined,
      };
    };
  }

  function kubernetesPart(
    result: SourceRead<KubernetesSnapshot>,
    entity: Entity,
  ): (env: string) => CellPart<KubernetesCellValue> {
    if (!entity.metadata.annotations?.[KUBERNETES_ID])
      return () => ({ state: 'none' });
    if (result.state === 'failed') return () => failedPart(result.message);
    if (result.state === 'pending') return () => ({ state: 'pending' });
    if (!kubernetesConfigured(result)) return notConfigured;
    const mine = workloadsOf(result.value!, entity);
    const down = result.value!.clusters.filter(c => c.state === 'failed');
    return env => {
      const here = mine.filter(w => w.environment === env);
      if (!here.length) {
        return down.length
          ? failedPart(down.map(c => `${c.name}: ${c.message}`).join('; '))
          : { state: 'none', fetchedAt: result.fetchedAt };
      }
      const sum = (field: 'ready' | 'desired' | 'restarts') =>
        here.reduce((total, w) => total + w[field], 0);
      return {
        state: result.state,
        fetchedAt: result.fetchedAt,
        value: {
          ready: sum('ready'),
          desired: sum('desired'),
          restarts: sum('restarts'),
          workloads: here.map(
            ({ kubernetesId: _, environment: __, ...w }) => w,
          ),
        },
      };
    };
  }

  function alertsPart(
    result: SourceRead<Record<string, EntityAlerts>>,
    ref: string,
  ) {
    const none = {
      part: () => ({ state: 'none' } as CellPart<AlertsCellValue>),
      unplaced: [],
    };
    if (result.state === 'failed')
      return {
        part: () => failedPart<AlertsCellValue>(result.message),
        unplaced: [],
      };
    if (result.state === 'pending')
      return {
        part: () => ({ state: 'pending' } as CellPart<AlertsCellValue>),
        unplaced: [],
      };
    const own = result.value?.[ref];
    if (!own) return none;
    if (own.alerts?.configured === false)
      return { part: notConfigured<AlertsCellValue>, unplaced: [] };
    if (own.error || own.alerts?.status !== 'ok') {
      const message = own.error ?? own.alerts?.message;
      return { part: () => failedPart<AlertsCellValue>(message), unplaced: [] };
    }
    const firing = own.alerts.alerts.filter(rule => rule.state === 'firing');
    const brief = (rule: GrafanaAlertRule) => ({
      name: rule.name,
      severity: rule.severity,
      summary: rule.summary,
      activeAt: rule.activeAt,
      url: rule.url,
    });
    return {
      part: (env: string): CellPart<AlertsCellValue> => ({
        state: result.state,
        fetchedAt: own.alerts!.fetchedAt ?? result.fetchedAt,
        value: {
          firing: firing.filter(r => alertEnvironment(r) === env).map(brief),
        },
      }),
      unplaced: firing.filter(r => !alertEnvironment(r)).map(brief),
    };
  }

  function costPart(
    result: SourceRead<Record<string, ComponentCost>>,
    ref: string,
  ): (env: string) => CellPart<CostCellValue> {
    if (result.state === 'failed') return () => failedPart(result.message);
    if (result.state === 'pending') return () => ({ state: 'pending' });
    const own = result.value?.[ref];
    if (!own) return () => ({ state: 'none' });
    if (own.error) return () => failedPart(own.error);
    return env => {
      const cost = own.environments[env];
      if (!cost) return { state: 'none' };
      if (!cost.monthlyCost) return failedPart(cost.message);
      return {
        state: result.state,
        fetchedAt: result.fetchedAt,
        value: { monthlyCost: cost.monthlyCost },
      };
    };
  }

  /**
   * Per entity, which source permissions the viewer holds. A policy that decides a
   * permission for every entity at once (allow or deny) costs one call; only conditional
   * ones are asked per entity, a few hundred decisions per call (the permission backend
   * takes bodies up to 100 kB). Kubernetes answers with the Kubernetes backend's own
   * `kubernetes.resources.read`, a permission for all entities at once.
   */
  async function allowedSources(
    entities: Entity[],
    credentials: BackstageCredentials,
  ) {
    const checks: ResourcePermission<'catalog-entity'>[] = [
      argocdApplicationReadPermission,
      grafanaEntityReadPermission,
      costEntityReadPermission,
    ];
    const [overall, [kubernetesDecision]] = await Promise.all([
      permissions.authorizeConditional(
        checks.map(permission => ({ permission })),
        { credentials },
      ),
      permissions.authorize(
        [{ permission: kubernetesResourcesReadPermission }],
        { credentials },
      ),
    ]);
    const conditional = checks.filter(
      (_, i) => overall[i].result === AuthorizeResult.CONDITIONAL,
    );
    const requests = entities.flatMap(entity =>
      conditional.map(permission => ({
        permission,
        resourceRef: refOf(entity),
      })),
    );
    const batches: (typeof requests)[] = [];
    for (let i = 0; i < requests.length; i += AUTHORIZE_BATCH)
      batches.push(requests.slice(i, i + AUTHORIZE_BATCH));
    const decisions = (
      await Promise.all(
        batches.map(batch => permissions.authorize(batch, { credentials })),
      )
    ).flat();
    return (index: number) => {
      const allowed = (i: number) => {
        const { result } = overall[i];
        if (result !== AuthorizeResult.CONDITIONAL)
          return result === AuthorizeResult.ALLOW;
        const at = index * conditional.length + conditional.indexOf(checks[i]);
        return decisions[at]?.result === AuthorizeResult.ALLOW;
      };
      return {
        argocd: allowed(0),
        grafana: allowed(1),
        cost: allowed(2),
        kubernetes: kubernetesDecision.result === AuthorizeResult.ALLOW,
      };
    };
  }

  /**
   * The scope's components the viewer may see: all of them when the policy allows every
   * catalog read, else what the catalog lists for the viewer (it applies the conditions).
   */
  async function visibleComponents(
    scope: OverviewScope,
    all: Entity[],
    credentials: BackstageCredentials,
  ): Promise<Entity[]> {
    const [decision] = await permissions.authorizeConditional(
      [{ permission: catalogEntityReadPermission }],
      { credentials },
    );
    if (decision.result === AuthorizeResult.ALLOW) return all;
    if (decision.result === AuthorizeResult.DENY) return [];
    const { items } = await catalog.getEntities(
      {
        filter: await scopeFilter(scope),
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
    const visible = new Set(items.map(refOf));
    return all.filter(e => visible.has(refOf(e)));
  }

  const forbidden = <T>(part: CellPart<T>, allowed: boolean): CellPart<T> =>
    allowed || part.state === 'none' ? part : { state: 'forbidden' };

  return {
    async overview(scope, credentials, filters) {
      const asked = Date.now();
      const key = scopeKey(scope);
      const all = await components(scope);
      const [entities, argocd, kubernetes, alerts, costs] = await Promise.all([
        visibleComponents(scope, all, credentials),
        read(
          `overview:argocd:${key}`,
          config.sourceTimeoutMs,
          () => readApplications(all, sourceOptions(config.sourceTimeoutMs)),
          asked,
        ),
        readKubernetes(asked),
        read(
          `overview:grafana:${key}`,
          config.sourceTimeoutMs,
          () => readAlerts(all, sourceOptions(config.sourceTimeoutMs)),
          asked,
        ),
        read(
          `overview:cost:${key}`,
          config.costTimeoutMs,
          () => readCosts(all, sourceOptions(config.costTimeoutMs)),
          asked,
        ),
      ]);
      const allowedFor = await allowedSources(entities, credentials);

      let rows: OverviewRow[] = entities.map((entity, index) => {
        const allowed = allowedFor(index);
        const ref = refOf(entity);
        const declared = entityEnvironments(entity);
        const argocdCell = argocdPart(argocd, ref, declared);
        const kubernetesCell = kubernetesPart(kubernetes, entity);
        const alertCells = alertsPart(alerts, ref);
        const costCell = costPart(costs, ref);
        const found = new Set(declared);
        for (const app of argocd.value?.[ref]?.applications?.applications ??
          []) {
          const env = applicationEnvironment(app, declared);
          if (env) found.add(env);
        }
        const workloads = kubernetes.value
          ? workloadsOf(kubernetes.value, entity)
          : [];
        for (const w of workloads) if (w.environment) found.add(w.environment);
        for (const env of Object.keys(costs.value?.[ref]?.environments ?? {}))
          found.add(env);
        const environments = orderEnvironments(found);
        return {
          entityRef: ref,
          title: entity.metadata.title ?? entity.metadata.name,
          owner: relatedRef(entity, 'owner'),
          system: relatedRef(entity, 'system'),
          environments,
          cells: environments.map(environment => ({
            environment,
            argocd: forbidden(argocdCell(environment), allowed.argocd),
            kubernetes: forbidden(
              kubernetesCell(environment),
              allowed.kubernetes,
            ),
            alerts: forbidden(alertCells.part(environment), allowed.grafana),
            cost: forbidden(costCell(environment), allowed.cost),
          })),
          unplacedAlerts: allowed.grafana ? alertCells.unplaced : [],
        };
      });
      const facets = {
        owners: [
          ...new Set(rows.flatMap(r => (r.owner ? [r.owner] : []))),
        ].sort(),
        systems: [
          ...new Set(rows.flatMap(r => (r.system ? [r.system] : []))),
        ].sort(),
      };
      const total = rows.length;
      if (filters.owner) rows = rows.filter(r => r.owner === filters.owner);
      if (filters.system) rows = rows.filter(r => r.system === filters.system);
      if (filters.environment) {
        rows = rows
          .map(r => ({
            ...r,
            cells: r.cells.filter(c => c.environment === filters.environment),
          }))
          .filter(r => r.cells.length);
      }
      if (filters.state) {
        rows = rows.filter(r => rowStates(r).includes(filters.state!));
      }
      rows.sort(compareByTrouble);

      const argocdDown = Object.values(argocd.value ?? {}).flatMap(
        e => e.applications?.instances.filter(i => i.status !== 'ok') ?? [],
      );
      const grafanaDown = Object.values(alerts.value ?? {}).flatMap(e =>
        e.alerts?.configured && e.alerts.status !== 'ok' ? [e.alerts] : [],
      );
      const matching = rows.length;
      const environments = orderEnvironments(
        rows.flatMap(r => r.cells.map(c => c.environment)),
      );
      if (filters.limit) rows = rows.slice(0, filters.limit);
      return {
        scope: key,
        matching,
        environments,
        rows,
        facets,
        total,
        sources: [
          sourceStatus(
            'argocd',
            argocd,
            argocdDown.map(i => `${i.name}: ${i.message ?? i.status}`),
            bulkConfigured(argocd, e => e.applications),
          ),
          sourceStatus(
            'kubernetes',
            kubernetes,
            (kubernetes.value?.clusters ?? [])
              .filter(c => c.state === 'failed')
              .map(c => `${c.name}: ${c.message}`),
            kubernetesConfigured(kubernetes),
          ),
          sourceStatus(
            'grafana',
            alerts,
            grafanaDown.map(a => `${a.host}: ${a.message ?? a.status}`),
            bulkConfigured(alerts, e => e.alerts),
          ),
          sourceStatus('cost', costs, []),
        ],
        generatedAt: new Date().toISOString(),
      };
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
          sourceStatus(
            'argocd',
            argocd,
            [],
            bulkConfigured(argocd, e => e.applications),
          ),
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
