import { NotFoundError } from '@backstage/errors';
import { JsonValue } from '@backstage/types';
import {
  fetchUpstream,
  Semaphore,
  UpstreamCredentialsRejectedError,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { GrafanaHostConfig } from './config';

/** One hit of `GET /api/search`. */
export interface SearchHit {
  uid: string;
  title: string;
  url: string;
  folderTitle?: string;
  tags?: string[];
}

/** `GET /api/dashboards/uid/:uid`, the parts Forja reads. */
export interface DashboardJson {
  meta: { url?: string; folderTitle?: string };
  dashboard: {
    uid: string;
    title: string;
    panels?: GrafanaPanel[];
    templating?: { list?: GrafanaVariable[] };
  };
}

export interface GrafanaPanel {
  id: number;
  type: string;
  title?: string;
  datasource?: DatasourceRef | string | null;
  targets?: Array<
    Record<string, JsonValue | undefined> & { refId?: string; hide?: boolean }
  >;
  fieldConfig?: {
    defaults?: {
      unit?: string;
      decimals?: number;
      min?: number;
      max?: number;
      thresholds?: { steps?: Array<{ color: string; value: number | null }> };
    };
  };
  maxDataPoints?: number;
  /** Rows nest their panels. */
  panels?: GrafanaPanel[];
}

export interface DatasourceRef {
  uid?: string;
  type?: string;
}

export interface GrafanaVariable {
  name: string;
  type: string;
  query?: JsonValue;
  current?: { value?: string | string[]; text?: string | string[] };
  allValue?: string;
  includeAll?: boolean;
}

/** A rule of unified alerting's Prometheus-style API. */
export interface RuleJson {
  name: string;
  state?: string;
  health?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  alerts?: Array<{ state?: string; activeAt?: string }>;
}

export interface RulesJson {
  data?: {
    groups?: Array<{ name: string; file?: string; rules?: RuleJson[] }>;
  };
}

/** Raw `/api/ds/query` answer: per refId, frames or an error. */
export interface DsQueryJson {
  results?: Record<
    string,
    {
      error?: string;
      frames?: Array<{
        schema?: {
          name?: string;
          refId?: string;
          fields?: Array<{
            name: string;
            type?: string;
            labels?: Record<string, string>;
            config?: { displayNameFromDS?: string; displayName?: string };
          }>;
        };
        data?: { values?: JsonValue[][] };
      }>;
    }
  >;
}

/**
 * One Grafana host's HTTP API with its service-account token, a timeout and a body size
 * limit per request, and at most `maxConcurrentRequests` in flight.
 */
export class GrafanaClient {
  private readonly semaphore: Semaphore;

  constructor(
    readonly host: GrafanaHostConfig,
    private readonly options: {
      timeoutMs: number;
      maxConcurrentRequests: number;
      searchPageSize: number;
      searchMaxPages: number;
      maxResponseBytes: number;
    },
  ) {
    // A call waits for its turn at most as long as it may then take.
    this.semaphore = new Semaphore(options.maxConcurrentRequests, {
      maxWaitMs: options.timeoutMs,
      upstream: `Grafana ${host.id}`,
    });
  }

  private get upstream() {
    return `Grafana ${this.host.id}`;
  }

  private request<T>(method: 'GET' | 'POST', path: string, body?: unknown) {
    return this.semaphore.run(async () => {
      const response = await fetchUpstream({
        upstream: this.upstream,
        url: `${this.host.apiUrl}${path}`,
        method,
        token: this.host.token,
        body,
        timeoutMs: this.options.timeoutMs,
        maxResponseBytes: this.options.maxResponseBytes,
      });
      if (response.status === 401 || response.status === 403) {
        throw new UpstreamCredentialsRejectedError(
          `credentials rejected by ${this.upstream} (HTTP ${response.status})`,
        );
      }
      if (response.status === 404) {
        throw new NotFoundError(
          `not found in ${this.upstream}: ${path.split('?')[0]}`,
        );
      }
      if (!response.ok) {
        throw new UpstreamUnavailableError(
          `${this.upstream} is unavailable: HTTP ${response.status}`,
        );
      }
      return response.json<T>();
    });
  }

  /** Every dashboard, page by page (Grafana stops a page at `limit`). */
  async searchDashboards(): Promise<{ hits: SearchHit[]; complete: boolean }> {
    const { searchPageSize: limit, searchMaxPages } = this.options;
    const hits: SearchHit[] = [];
    for (let page = 1; page <= searchMaxPages; page++) {
      const params = new URLSearchParams({
        type: 'dash-db',
        limit: String(limit),
        page: String(page),
      });
      const batch = await this.request<SearchHit[]>(
        'GET',
        `/api/search?${params}`,
      );
      if (!Array.isArray(batch)) {
        throw new UpstreamUnavailableError(
          `${this.upstream} answered the search with something else than a list`,
        );
      }
      hits.push(...batch);
      if (batch.length < limit) return { hits, complete: true };
    }
    return { hits, complete: false };
  }

  dashboard(uid: string) {
    return this.request<DashboardJson>(
      'GET',
      `/api/dashboards/uid/${encodeURIComponent(uid)}`,
    );
  }

  datasourceByName(name: string) {
    return this.request<{ uid: string; type: string }>(
      'GET',
      `/api/datasources/name/${encodeURIComponent(name)}`,
    );
  }

  /** Runs queries Forja built from a dashboard panel (never a body from the browser). */
  query(body: { queries: unknown[]; from: string; to: string }) {
    return this.request<DsQueryJson>('POST', '/api/ds/query', body);
  }

  /** Alert rules of a ruler: `grafana` (Grafana-managed) or a data source's uid. */
  alertRules(ruler = 'grafana') {
    return this.request<RulesJson>(
      'GET',
      `/api/prometheus/${encodeURIComponent(ruler)}/api/v1/rules`,
    );
  }
}
