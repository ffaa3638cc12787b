/** The upstreams an overview is built from. */
export type OverviewSourceId = 'argocd' | 'kubernetes' | 'grafana' | 'cost';

/**
 * How one source answered: `ok` (fresh), `stale` (served from cache past its period while
 * a refresh runs), `pending` (its first read is still running: the page asks again soon),
 * `failed` (down, slow, garbage: its cells say so), `not-configured`.
 */
export type SourceState =
  | 'ok'
  | 'stale'
  | 'pending'
  | 'failed'
  | 'not-configured';

export interface OverviewSourceStatus {
  source: OverviewSourceId;
  state: SourceState;
  message?: string;
  /** When the oldest data of this source shown was read upstream (ISO time). */
  fetchedAt?: string;
}

/**
 * One source's part of a cell. `none`: the source knows nothing of this entity here
 * (no application, no workload). `forbidden`: the viewer may not read it.
 */
export interface CellPart<T> {
  state: SourceState | 'none' | 'forbidden';
  fetchedAt?: string;
  message?: string;
  value?: T;
}

export interface ArgoCdCellValue {
  applications: Array<{
    instance: string;
    name: string;
    syncStatus: string;
    healthStatus: string;
    revision?: string;
    /** When the deployed revision was deployed. */
    deployedAt?: string;
    url: string;
  }>;
}

/** The controllers whose pods a cell counts. */
export type WorkloadKind = 'Deployment' | 'StatefulSet' | 'DaemonSet';

export interface KubernetesCellValue {
  ready: number;
  desired: number;
  restarts: number;
  workloads: Array<{
    kind: WorkloadKind;
    cluster: string;
    namespace: string;
    name: string;
    ready: number;
    desired: number;
    restarts: number;
    images: string[];
  }>;
}

export interface AlertsCellValue {
  firing: Array<{
    name: string;
    severity?: string;
    summary?: string;
    activeAt?: string;
    url: string;
  }>;
}

export interface CostCellValue {
  /** USD a month, as the cost backend formats it. */
  monthlyCost: string;
}

export interface OverviewCell {
  environment: string;
  argocd: CellPart<ArgoCdCellValue>;
  kubernetes: CellPart<KubernetesCellValue>;
  alerts: CellPart<AlertsCellValue>;
  cost: CellPart<CostCellValue>;
}

export interface OverviewRow {
  entityRef: string;
  title: string;
  owner?: string;
  system?: string;
  /** The environments the entity declares (or its applications and workloads show). */
  environments: string[];
  cells: OverviewCell[];
  /** Firing alerts whose labels name no environment, listed on the row. */
  unplacedAlerts: AlertsCellValue['firing'];
}

export interface OverviewResponse {
  /** `portal`, or the system or group the overview is of. */
  scope: string;
  /** Columns: every environment of the rows, in promotion order. */
  environments: string[];
  /** Trouble first; only the first `limit` when the request asked for a limit. */
  rows: OverviewRow[];
  /** Rows the filters let through. */
  matching: number;
  /** Rows before the filters. */
  total: number;
  /** Owners and systems of the rows before the filters, for the filter menus. */
  facets: { owners: string[]; systems: string[] };
  sources: OverviewSourceStatus[];
  /** When this overview was assembled from the sources (ISO time). */
  generatedAt: string;
}

/** One environment of the Environments card: what runs there and what the overlay declares. */
export interface EnvironmentColumn {
  environment: string;
  argocd: CellPart<ArgoCdCellValue>;
  kubernetes: CellPart<KubernetesCellValue>;
  /** From `overlays/<env>` rendered by Kustomize. */
  overlay: CellPart<{
    images: Record<string, string>;
    replicas: Record<string, number>;
    config: Record<string, string>;
  }>;
  /** Differences from the environment before it. */
  differences: Array<{
    kind: 'image' | 'replicas' | 'config';
    key: string;
    previous?: string;
    current?: string;
  }>;
  /** Whether the viewer may open the promotion pull request into this environment. */
  promotable: boolean;
  promoteBlockedReason?: string;
}

export interface EnvironmentsResponse {
  entityRef: string;
  environments: EnvironmentColumn[];
  sources: OverviewSourceStatus[];
}

export interface PromoteResponse {
  pullRequestUrl: string;
  branch: string;
  from: string;
  to: string;
  tag: string;
  /** False when the pull request already existed. */
  created: boolean;
}

/** The pull request that sets an environment back to the image an earlier revision ran. */
export interface RollbackResponse {
  pullRequestUrl: string;
  branch: string;
  environment: string;
  /** The commit of the service repository the environment ran (Argo CD's history revision). */
  revision: string;
  /** The image tag the overlay declared at that commit, now proposed again. */
  tag: string;
  /** False when the pull request already existed. */
  created: boolean;
}
