import type { HumanDuration } from '@backstage/types';

export interface Config {
  /** Forja's on-call overview. */
  overview?: {
    /**
     * How long one overview is served to every viewer before its sources are read again:
     * `30s`, `PT30S` or `{ seconds: 30 }`. Wins over cacheSeconds.
     * @default 30s
     */
    cacheFresh?: HumanDuration | string;
    /** @deprecated use cacheFresh (read only when cacheFresh is not set) */
    cacheSeconds?: number;
    /**
     * How long a source's cached answer may still be shown, marked stale, while it is read
     * again. Wins over staleSeconds.
     * @default 10m
     */
    cacheStale?: HumanDuration | string;
    /** @deprecated use cacheStale (read only when cacheStale is not set) */
    staleSeconds?: number;
    /**
     * How long each source (Argo CD, Kubernetes, Grafana) may take before its cells show
     * it failed. Wins over sourceTimeoutSeconds.
     * @default 5s
     */
    sourceTimeout?: HumanDuration | string;
    /** @deprecated use sourceTimeout (read only when sourceTimeout is not set) */
    sourceTimeoutSeconds?: number;
    /**
     * The same for cost estimates, which may have to be computed. Wins over
     * costTimeoutSeconds.
     * @default 20s
     */
    costTimeout?: HumanDuration | string;
    /** @deprecated use costTimeout (read only when costTimeout is not set) */
    costTimeoutSeconds?: number;
    /**
     * How long an overview waits for a source whose first read is still running (a cold
     * start computing estimates, a slow upstream) before answering without it: its cells
     * say "pending" and the page asks again. The budget counts from the read's start: a
     * request arriving while it runs waits only what is left. Wins over firstAnswerSeconds.
     * @default 500ms
     */
    firstAnswerWait?: HumanDuration | string;
    /** @deprecated use firstAnswerWait (read only when firstAnswerWait is not set) */
    firstAnswerSeconds?: number;
    /** Calls to the other backends at once, per overview (default 4). */
    maxConcurrentRequests?: number;
    /**
     * Largest answer read from another Forja backend (Argo CD, Grafana, Kubernetes, cost),
     * in bytes; a larger one fails that source's cells (default 67108864, 64 MiB).
     */
    maxResponseBytes?: number;
    /**
     * The environment of the workloads of a cluster whose objects carry no
     * `forja.dev/environment` label, by cluster name: `{ video-eks-prod: prod }`.
     */
    clusterEnvironments?: { [cluster: string]: string };
    /**
     * Items asked for per page of a Kubernetes list (`limit`): each cluster's pods,
     * Deployments, StatefulSets and DaemonSets are read page by page, each page within
     * sourceTimeout, so no whole list is held or parsed at once (default 500).
     */
    kubernetesPageSize?: number;
    /**
     * Items one Kubernetes list may have; a cluster with a larger list, or one whose pages
     * do not end, is failed (default 100000).
     */
    kubernetesMaxListItems?: number;
    /**
     * Backstage notifications to an entity's owners (the notifications backend resolves
     * the entity to its owner): an application Degraded or OutOfSync for longer than
     * configured, an alert rule that starts firing, a promotion or rollback pull request
     * opened or merged. One notification per episode, kept in the plugin's database.
     */
    notifications?: {
      /** Whether the watcher runs (it needs the notifications backend). @default false */
      enabled?: boolean;
      /**
       * How often the watcher reads Argo CD, Grafana and the open pull requests, once for
       * every replica.
       * @default 1m
       */
      interval?: HumanDuration | string;
      /** How long an application stays Degraded before its owners are told. @default 10m */
      degradedFor?: HumanDuration | string;
      /** How long an application stays OutOfSync before its owners are told. @default 30m */
      outOfSyncFor?: HumanDuration | string;
      /**
       * How long closed episodes and settled pull requests are kept; pull requests still
       * open after it are no longer followed.
       * @default 30d
       */
      keepClosedFor?: HumanDuration | string;
      /** Open pull requests read from GitHub per pass, longest unchecked first. @default 50 */
      maxPullRequestsPerRun?: number;
    };
  };
}
