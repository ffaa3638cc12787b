import type { HumanDuration } from '@backstage/types';

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
     * Prices retrieved longer ago than this are flagged on the cost cards: `180d`, `P180D`
     * or `{ days: 180 }`. Wins over maxPriceAgeDays.
     * @default 180d
     */
    maxPriceAge?: HumanDuration | string;
    /** @deprecated use maxPriceAge (read only when maxPriceAge is not set) */
    maxPriceAgeDays?: number;
    /**
     * How long an estimate is served before its source revision is checked again (`0ms`:
     * on every request): `30s`, `PT30S` or `{ seconds: 30 }`. Wins over revalidateSeconds.
     * @default 30s
     */
    revalidateAfter?: HumanDuration | string;
    /** @deprecated use revalidateAfter (read only when revalidateAfter is not set) */
    revalidateSeconds?: number;
    /** Estimates computed at once (CPU bound; default 2). */
    maxConcurrentEstimates?: number;
    /** Estimates kept in memory, least recently used dropped first (default 500). */
    maxCachedEstimates?: number;
  };
}
