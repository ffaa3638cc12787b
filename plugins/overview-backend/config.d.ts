export interface Config {
  /** Forja's on-call overview. */
  overview?: {
    /** How long one overview is served to every viewer before its sources are read again (default 30). */
    cacheSeconds?: number;
    /** How long a source's cached answer may still be shown, marked stale, while it is read again (default 600). */
    staleSeconds?: number;
    /** How long each source (Argo CD, Kubernetes, Grafana) may take before its cells show it failed (default 5). */
    sourceTimeoutSeconds?: number;
    /** The same for cost estimates, which may have to be computed (default 20). */
    costTimeoutSeconds?: number;
    /**
     * How long an overview waits for a source whose first read is still running (a cold
     * start computing estimates, a slow upstream) before answering without it: its cells
     * say "pending" and the page asks again (default 0.5). The budget counts from
     * the read's start: a request arriving while it runs waits only what is left.
     */
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
  };
}
