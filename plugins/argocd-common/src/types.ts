/** Sync status as Argo CD reports it. */
export type SyncStatus = 'Synced' | 'OutOfSync' | 'Unknown';
/** Health status as Argo CD reports it. */
export type HealthStatus =
  | 'Healthy'
  | 'Progressing'
  | 'Degraded'
  | 'Suspended'
  | 'Missing'
  | 'Unknown';

/** A managed object of an application, with its sync and health. */
export interface ResourceStatus {
  kind?: string;
  name?: string;
  namespace?: string;
  status?: string;
  health?: { status?: string };
}

export interface RevisionMetadata {
  author?: string;
  date?: string;
  message?: string;
  tags?: string[];
}

/** One Argo CD Application of an entity, as the card shows it. */
export interface ApplicationSummary {
  instance: string;
  name: string;
  namespace: string;
  project: string;
  /** From the application's `forja.dev/environment` label, when present. */
  environment?: string;
  syncStatus: SyncStatus;
  healthStatus: HealthStatus;
  revision?: string;
  revisionMetadata?: RevisionMetadata;
  lastSyncedAt?: string;
  /** When the revision now deployed was deployed (the newest history entry). */
  deployedAt?: string;
  outOfSyncResources: number;
  operationPhase?: string;
  operationError?: string;
  /** The application in the Argo CD UI. */
  url: string;
}

/** What happened when asking one instance; the card shows one line per problem. */
export interface InstanceStatus {
  name: string;
  status: 'ok' | 'unavailable' | 'credentials-rejected';
  message?: string;
}

export interface ApplicationsResponse {
  /** False when the backend has no Argo CD instance configured at all. */
  configured: boolean;
  applications: ApplicationSummary[];
  instances: InstanceStatus[];
  /** When the oldest of the shown data was read from Argo CD (ISO time). */
  fetchedAt?: string;
}

/** One deployment of an application's history, newest first. */
export interface HistoryEntry {
  id: number;
  revision?: string;
  deployedAt?: string;
  revisionMetadata?: RevisionMetadata;
}

/** One of an entity's applications with its resource tree and history (the Argo CD tab). */
export interface ApplicationDetail {
  application: ApplicationSummary;
  /** The resource tree's objects, with their sync status where Argo CD manages them. */
  resources: ResourceStatus[];
  history: HistoryEntry[];
}

/** One entity's applications in a bulk answer, or why its annotations could not be read. */
export interface EntityApplications {
  entityRef: string;
  applications?: ApplicationsResponse;
  error?: string;
}

/** What differs in one managed resource between the cluster and Git, as the tab shows it. */
export interface ResourceDiff {
  group: string;
  kind: string;
  namespace?: string;
  name: string;
  /** A sync hook (Argo CD runs it; it is not compared). */
  hook: boolean;
  /**
   * Unified diff of the live object (normalized) against what a sync makes of it, both as
   * YAML without the cluster's bookkeeping (managedFields, status, uid...). Secrets'
   * values are never included: each shows as hidden, and whether it differs.
   */
  diff: string;
  /** The diff was cut at its limit. */
  truncated: boolean;
  /** Why no diff could be made (a state that is not JSON, or too large). */
  error?: string;
}

/** The managed resources of an application that differ from Git. */
export interface ApplicationDiff {
  application: string;
  resources: ResourceDiff[];
  /** Managed resources that are in sync. */
  unchanged: number;
  /** More differing resources than are shown. */
  omitted: number;
}
