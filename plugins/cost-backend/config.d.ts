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
    /**
     * Actual spend beside the estimate, per entity and environment, read by the tags and
     * labels Forja's templates write (`forja.dev/entity` = the entity's name,
     * `forja.dev/environment`; `forja-dev-entity` and `forja-dev-environment` on Azure and
     * GCP). Each source is on when its block is present; answers are kept for a day.
     */
    actual?: {
      /**
       * An entity drifts when |actual − estimate| / estimate of the last full month is
       * above this share.
       * @default 0.2
       */
      driftShare?: number;
      /**
       * Full months in the trend.
       * @default 6
       */
      months?: number;
      /** OpenCost's allocation API, for Kubernetes workloads. */
      opencost?: {
        /** Such as `http://opencost.opencost:9003`. */
        baseUrl: string;
        /**
         * Bearer token, when OpenCost sits behind an authenticating proxy.
         * @visibility secret
         */
        token?: string;
        /** Time limit per call: `10s`. */
        timeout?: HumanDuration | string;
      };
      /** AWS Cost Explorer (`ce:GetCostAndUsage`), for AWS resources. */
      aws?: {
        /** Cost Explorer's endpoint, when not AWS's own (a proxy, a test double). */
        endpoint?: string;
        /**
         * Cost Explorer's region.
         * @default us-east-1
         */
        region?: string;
        accessKeyId: string;
        /** @visibility secret */
        secretAccessKey: string;
        /** @visibility secret */
        sessionToken?: string;
        timeout?: HumanDuration | string;
      };
      /** Azure Cost Management's query API, for Azure resources. */
      azure?: {
        /** `/subscriptions/<id>` or `/subscriptions/<id>/resourceGroups/<name>`. */
        scope: string;
        tenantId: string;
        clientId: string;
        /** @visibility secret */
        clientSecret: string;
        /** @default https://management.azure.com */
        managementUrl?: string;
        /** @default https://login.microsoftonline.com */
        loginUrl?: string;
        timeout?: HumanDuration | string;
      };
      /** The Cloud Billing export to BigQuery, for Google Cloud resources. */
      gcp?: {
        /** The project the query jobs run in. */
        projectId: string;
        /** `<project>.<dataset>.gcp_billing_export_v1_<account>`. */
        table: string;
        /** The service account's `client_email`. */
        clientEmail: string;
        /**
         * The service account's `private_key` (PEM).
         * @visibility secret
         */
        privateKey: string;
        /** @default https://bigquery.googleapis.com */
        bigqueryUrl?: string;
        /** @default https://oauth2.googleapis.com/token */
        tokenUrl?: string;
        timeout?: HumanDuration | string;
      };
    };
  };
}
