import {
  Entity,
  parseEntityRef,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
  ARGOCD_PLUGIN_ID,
  EntityApplications,
} from '@forja/plugin-argocd-common';
import { EntityCostResponse, isCostAvailable } from '@forja/plugin-cost-common';
import { Semaphore, upstreamStatus } from '@forja/plugin-forja-node';
import {
  EntityAlerts,
  GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR,
  GRAFANA_PLUGIN_ID,
} from '@forja/plugin-grafana-common';
import { WorkloadKind } from '@forja/plugin-overview-common';
import { KubernetesPaging, ListPage, readListInPages } from './kubernetesPages';
import { PluginCall } from './pluginClient';

export const KUBERNETES_ID = 'backstage.io/kubernetes-id';
export const KUBERNETES_NAMESPACE = 'backstage.io/kubernetes-namespace';
export const ENVIRONMENT_LABEL = 'forja.dev/environment';

/** Refs per bulk call: the bulk routes take up to 1000 (about 40 kB of body). */
const BATCH = 500;

const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key]?.trim() || undefined;

export const refOf = (entity: Entity) =>
  stringifyEntityRef(entity).toLocaleLowerCase('en-US');

/** The full ref of `spec.<field>` (`owner`, `system`), which may be a name or a partial ref. */
export function relatedRef(
  entity: Entity,
  field: 'owner' | 'system',
): string | undefined {
  const value = entity.spec?.[field];
  if (typeof value !== 'string' || !value) return undefined;
  return stringifyEntityRef(
    parseEntityRef(value, {
      defaultKind: field === 'owner' ? 'group' : 'system',
      defaultNamespace: entity.metadata.namespace ?? 'default',
    }),
  ).toLocaleLowerCase('en-US');
}

const systemOf = (entity: Entity) => relatedRef(entity, 'system');

export interface SourceOptions {
  call: PluginCall;
  timeoutMs: number;
  limit: Semaphore;
}

/**
 * A bulk route of another backend (`POST { entityRefs }` answering `{ entities }`) for the
 * components `wanted`: one call per BATCH refs, at most `limit` at once; answers by ref.
 */
async function readBulk<T extends { entityRef: string }>(
  pluginId: string,
  path: string,
  components: Entity[],
  wanted: (entity: Entity) => unknown,
  options: SourceOptions,
): Promise<Record<string, T>> {
  const refs = components.filter(wanted).map(refOf);
  const batches: string[][] = [];
  for (let i = 0; i < refs.length; i += BATCH)
    batches.push(refs.slice(i, i + BATCH));
  const answers = await Promise.all(
    batches.map(entityRefs =>
      options.limit.run(
        async () =>
          (
            await options.call<{ entities: T[] }>(pluginId, path, {
              body: { entityRefs },
              timeoutMs: options.timeoutMs,
            })
          ).entities,
      ),
    ),
  );
  return Object.fromEntries(
    answers
      .flat()
      .map(item => [item.entityRef.toLocaleLowerCase('en-US'), item]),
  );
}

/** Every component's Argo CD applications, from the Argo CD backend's bulk route. */
export const readApplications = (
  components: Entity[],
  options: SourceOptions,
) =>
  readBulk<EntityApplications>(
    ARGOCD_PLUGIN_ID,
    '/entities/applications',
    components,
    e =>
      annotation(e, ARGOCD_ANNOTATION_APP_NAME) ||
      annotation(e, ARGOCD_ANNOTATION_APP_SELECTOR),
    options,
  );

/** Every component's alert rules, from the Grafana backend's bulk route. */
export const readAlerts = (components: Entity[], options: SourceOptions) =>
  readBulk<EntityAlerts>(
    GRAFANA_PLUGIN_ID,
    '/entities/alerts',
    components,
    e => annotation(e, GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR),
    options,
  );

export interface Workload {
  kind: WorkloadKind;
  cluster: string;
  namespace: string;
  name: string;
  kubernetesId: string;
  environment?: string;
  desired: number;
  ready: number;
  restarts: number;
  images: string[];
}

export interface ClusterState {
  name: string;
  state: 'ok' | 'failed';
  message?: string;
}

export interface KubernetesSnapshot {
  clusters: ClusterState[];
  workloads: Workload[];
}

interface Labelled {
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    ownerReferences?: Array<{
      kind: string;
      name: string;
      controller?: boolean;
    }>;
  };
}
/** A Deployment, StatefulSet or DaemonSet (a DaemonSet counts its pods per node). */
type Controller = Labelled & {
  spec?: {
    replicas?: number;
    template?: { spec?: { containers?: Array<{ image?: string }> } };
  };
  status?: {
    readyReplicas?: number;
    desiredNumberScheduled?: number;
    numberReady?: number;
  };
};

const CONTROLLER_KINDS: Array<[WorkloadKind, string, string]> = [
  ['Deployment', '/apis/apps/v1/deployments', 'Deployments'],
  ['StatefulSet', '/apis/apps/v1/statefulsets', 'StatefulSets'],
  ['DaemonSet', '/apis/apps/v1/daemonsets', 'DaemonSets'],
];

const podCounts = (kind: WorkloadKind, c: Controller) =>
  kind === 'DaemonSet'
    ? {
        desired: c.status?.desiredNumberScheduled ?? 0,
        ready: c.status?.numberReady ?? 0,
      }
    : { desired: c.spec?.replicas ?? 1, ready: c.status?.readyReplicas ?? 0 };
type Pod = Labelled & {
  status?: { containerStatuses?: Array<{ restartCount?: number }> };
};

/** `Kind/namespace/name` of the controller a pod belongs to. */
function controllerOf(pod: Pod): string | undefined {
  const refs = pod.metadata.ownerReferences ?? [];
  const ref = refs.find(r => r.controller) ?? refs[0];
  if (!ref) return undefined;
  // A Deployment's pods belong to its ReplicaSet, `<deployment>-<pod-template-hash>`.
  const [kind, name] =
    ref.kind === 'ReplicaSet'
      ? ['Deployment', ref.name.replace(/-[a-z0-9]+$/, '')]
      : [ref.kind, ref.name];
  return `${kind}/${pod.metadata.namespace}/${name}`;
}

/** Adds a page of pods' restarts to their controllers' counts. */
function addRestarts(restarts: Map<string, number>, pods: Pod[]) {
  for (const pod of pods) {
    const controller = controllerOf(pod);
    if (!controller) continue;
    const count = (pod.status?.containerStatuses ?? []).reduce(
      (sum, c) => sum + (c.restartCount ?? 0),
      0,
    );
    restarts.set(controller, (restarts.get(controller) ?? 0) + count);
  }
}

/**
 * Deployments, StatefulSets, DaemonSets and pods labelled `backstage.io/kubernetes-id` on every
 * cluster the Kubernetes backend knows, through its proxy (the cluster credentials stay
 * there): four lists per cluster, whatever the number of components, each read in pages of
 * `paging.pageSize` and reduced page by page (readListInPages) to the workloads' fields and
 * the restarts per controller, so no whole list is held. Each page has the time limit; a
 * cluster whose list fails, expires twice or does not end (see KubernetesPaging) is failed,
 * and its other lists stop at their next page.
 */
export async function readWorkloads(
  options: SourceOptions & {
    clusterEnvironments: Record<string, string>;
    paging: KubernetesPaging;
  },
): Promise<KubernetesSnapshot> {
  const { call, timeoutMs, limit, paging } = options;
  const { items: clusters = [] } = await call<{
    items?: Array<{ name: string }>;
  }>('kubernetes', '/clusters', { timeoutMs });
  const selector = `labelSelector=${encodeURIComponent(KUBERNETES_ID)}`;
  const states: ClusterState[] = [];
  const workloads: Workload[] = [];
  await Promise.all(
    clusters.map(({ name: cluster }) =>
      limit.run(async () => {
        // The first list to fail stops the others before their next page.
        const abort = new AbortController();
        const list = <T, R>(
          path: string,
          what: string,
          start: () => R,
          add: (reduced: R, items: T[]) => void,
        ) =>
          readListInPages<T, R>({
            fetchPage: query =>
              call<ListPage<T>>(
                'kubernetes',
                `/proxy${path}?${selector}&${query}`,
                {
                  headers: { 'Backstage-Kubernetes-Cluster': cluster },
                  timeoutMs,
                },
              ),
            paging,
            what,
            start,
            add,
            signal: abort.signal,
          }).catch(error => {
            abort.abort(error);
            throw error;
          });
        const controllerWorkloads =
          (kind: WorkloadKind) =>
          (reduced: Workload[], items: Controller[]) => {
            for (const d of items) {
              reduced.push({
                kind,
                cluster,
                namespace: d.metadata.namespace ?? 'default',
                name: d.metadata.name,
                kubernetesId: d.metadata.labels![KUBERNETES_ID],
                environment:
                  d.metadata.labels?.[ENVIRONMENT_LABEL] ??
                  options.clusterEnvironments[cluster],
                ...podCounts(kind, d),
                restarts: 0,
                images: (d.spec?.template?.spec?.containers ?? [])
                  .map(c => c.image)
                  .filter((i): i is string => Boolean(i)),
              });
            }
          };
        const settled = await Promise.allSettled([
          list<Pod, Map<string, number>>(
            '/api/v1/pods',
            'pods',
            () => new Map(),
            addRestarts,
          ),
          ...CONTROLLER_KINDS.map(([kind, path, what]) =>
            list<Controller, Workload[]>(
              path,
              what,
              () => [],
              controllerWorkloads(kind),
            ),
          ),
        ]);
        const failure = settled.find(s => s.status === 'rejected');
        if (failure) {
          states.push({
            name: cluster,
            state: 'failed',
            message: upstreamStatus(failure.reason).message,
          });
          return;
        }
        const [restarts, ...controllers] = settled.map(
          s => (s as PromiseFulfilledResult<unknown>).value,
        ) as [Map<string, number>, ...Workload[][]];
        for (const workload of controllers.flat()) {
          workload.restarts =
            restarts.get(
              `${workload.kind}/${workload.namespace}/${workload.name}`,
            ) ?? 0;
          workloads.push(workload);
        }
        states.push({ name: cluster, state: 'ok' });
      }),
    ),
  );
  states.sort((a, b) => a.name.localeCompare(b.name));
  return { clusters: states, workloads };
}

/** A component's monthly cost per environment, or why it has none. */
export interface ComponentCost {
  environments: Record<string, { monthlyCost?: string; message?: string }>;
  error?: string;
}

/**
 * Monthly costs from the cost backend: one rollup per system (its members with their
 * environments), and an estimate per priced component outside any system.
 */
export async function readCosts(
  components: Entity[],
  options: SourceOptions,
): Promise<Record<string, ComponentCost>> {
  const { call, timeoutMs, limit } = options;
  const costs: Record<string, ComponentCost> = {};
  const path = (ref: string) =>
    `/entities/${ref
      .replace(':', '/')
      .split('/')
      .map(encodeURIComponent)
      .join('/')}`;
  const systems = new Map<string, string[]>();
  const loose: Entity[] = [];
  for (const entity of components) {
    if (!isCostAvailable(entity)) continue;
    const system = systemOf(entity);
    if (system)
      systems.set(system, [...(systems.get(system) ?? []), refOf(entity)]);
    else loose.push(entity);
  }
  const fail = (refs: string[], error: unknown) => {
    for (const ref of refs)
      costs[ref] ??= { environments: {}, error: upstreamStatus(error).message };
  };
  await Promise.all([
    ...[...systems].map(([system, members]) =>
      limit.run(async () => {
        try {
          const rollup = await call<EntityCostResponse>('cost', path(system), {
            timeoutMs,
          });
          for (const member of rollup.members ?? []) {
            costs[member.entityRef.toLocaleLowerCase('en-US')] = {
              environments: Object.fromEntries(
                member.environments.map(e => [
                  e.environment,
                  { monthlyCost: e.monthlyCost, message: e.message },
                ]),
              ),
            };
          }
        } catch (error) {
          fail(members, error);
        }
      }),
    ),
    ...loose.map(entity =>
      limit.run(async () => {
        const ref = refOf(entity);
        try {
          const estimate = await call<EntityCostResponse>('cost', path(ref), {
            timeoutMs,
          });
          costs[ref] = {
            environments: Object.fromEntries(
              estimate.environments.map(e => [
                e.environment,
                {
                  monthlyCost: e.estimate?.totalMonthlyCost,
                  message: e.message,
                },
              ]),
            ),
          };
        } catch (error) {
          fail([ref], error);
        }
      }),
    ),
  ]);
  return costs;
}
