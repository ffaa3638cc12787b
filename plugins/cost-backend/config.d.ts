export interface Config {
  /** Forja's cost estimates (`@forja/plugin-cost-backend`). */
  cost?: {
    /**
     * Local checkouts for Git module sources, so `git::<url>//terraform/modules/x?ref=v1`
     * is read from `<path>/terraform/modules/x`. Forja's own repository maps to the
     * checkout the backend runs from unless listed here.
     */
    moduleRepositories?: Array<{ url: string; path: string }>;
    /** A pricing catalog file instead of the bundled one. */
    pricingCatalog?: string;
    /**
     * Prices retrieved longer ago than this are flagged on the cost cards (default 180).
     */
    maxPriceAgeDays?: number;
    /** How long an estimate is served before its source revision is checked again (default 30). */
    revalidateSeconds?: number;
    /** Estimates computed at once (CPU bound; default 2). */
    maxConcurrentEstimates?: number;
    /** Estimates kept in memory, least recently used dropped first (default 500). */
    maxCachedEstimates?: number;
  };
}
