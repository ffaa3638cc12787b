import type { HumanDuration } from '@backstage/types';

export interface Config {
  /**
   * Grafana for Forja, in the community plugin's shape (`domain` or `hosts`), plus a
   * server-side token per host. The browser never sees a host's token or API URL.
   */
  grafana?: {
    /** The Grafana people open (single-host form); also the API URL unless apiUrl is set. */
    domain?: string;
    /** Where the backend calls Grafana's API, when it differs from domain. */
    apiUrl?: string;
    /**
     * A service-account token (Viewer) for the single-host form.
     * @visibility secret
     */
    token?: string;
    /** Accepted for compatibility; Forja reads unified alerting (Grafana 9+). */
    unifiedAlerting?: boolean;
    /** Panels of this host may also be shown in an iframe (needs Grafana's allow_embedding). */
    embeddable?: boolean;
    /**
     * Data sources whose own alerting rules are shown beside Grafana-managed ones: the uids
     * of Prometheus or Loki data sources with a ruler (kube-prometheus-stack's Prometheus
     * is `prometheus`, where generated services' SLO PrometheusRules live).
     */
    alertDatasources?: string[];
    /** The host of entities without a grafana/host-id annotation (default: the first). */
    defaultHost?: string;
    hosts?: Array<{
      /** The name grafana/host-id refers to. */
      id: string;
      /** The Grafana people open, such as https://grafana.example.com. */
      domain: string;
      /** Where the backend calls Grafana's API, when it differs from domain. */
      apiUrl?: string;
      /**
       * A service-account token (Viewer) for this host.
       * @visibility secret
       */
      token?: string;
      /** Accepted for compatibility; Forja reads unified alerting. */
      unifiedAlerting?: boolean;
      /** Panels of this host may also be shown in an iframe (needs allow_embedding). */
      embeddable?: boolean;
      /** Data sources whose own alerting rules are shown beside Grafana-managed ones. */
      alertDatasources?: string[];
    }>;
    /** Dashboards per search page (Grafana allows up to 5000). @default 1000 */
    grafanaDashboardSearchLimit?: number;
    /** Search pages read at most per host. @default 100 */
    grafanaDashboardMaxPages?: number;
    /**
     * Per-request timeout: `10s`, `PT10S` or `{ seconds: 10 }`. Wins over requestTimeoutMs.
     * @default 10s
     */
    requestTimeout?: HumanDuration | string;
    /** @deprecated use requestTimeout (read only when requestTimeout is not set) */
    requestTimeoutMs?: number;
    /** Requests in flight per host. @default 8 */
    maxConcurrentRequests?: number;
    /**
     * Largest answer read from a host, in bytes (a search page, a query's data frames); a
     * larger one is cut off and the card shows the host as unavailable.
     * @default 33554432 (32 MiB)
     */
    maxResponseBytes?: number;
    /**
     * How long reads are served as fresh (`0ms`: every read goes to Grafana), such as
     * `30s`, `PT30S` or `{ seconds: 30 }`. Wins over cacheFreshSeconds.
     * @default 30s
     */
    cacheFresh?: HumanDuration | string;
    /** @deprecated use cacheFresh (read only when cacheFresh is not set) */
    cacheFreshSeconds?: number;
    /**
     * How long stale reads may be served while refreshing, such as `10m`, `PT10M` or
     * `{ minutes: 10 }`. Wins over cacheStaleSeconds.
     * @default 10m
     */
    cacheStale?: HumanDuration | string;
    /** @deprecated use cacheStale (read only when cacheStale is not set) */
    cacheStaleSeconds?: number;
  };
}
