/** How one Grafana host answered. */
export type GrafanaSourceStatus = 'ok' | 'unavailable' | 'credentials-rejected';

/** What every response says about its source: where, how, and how old. */
export interface GrafanaSource {
  /** False when no Grafana host is configured: the card shows a setup hint. */
  configured: boolean;
  host?: string;
  status: GrafanaSourceStatus;
  /** Why the host is unavailable or rejected the token. */
  message?: string;
  /** When the data was read from Grafana (ISO time). */
  fetchedAt?: string;
}

export interface GrafanaDashboard {
  uid: string;
  title: string;
  url: string;
  folderTitle?: string;
  tags: string[];
}

export interface DashboardsResponse extends GrafanaSource {
  dashboards: GrafanaDashboard[];
  /** Dashboards the host has in all; the selector ran over every one of them. */
  searched: number;
}

export type AlertState =
  | 'firing'
  | 'pending'
  | 'recovering'
  | 'inactive'
  | 'nodata'
  | 'error';

export interface GrafanaAlertRule {
  name: string;
  state: AlertState;
  severity?: string;
  summary?: string;
  description?: string;
  runbookUrl?: string;
  labels: Record<string, string>;
  folder?: string;
  group?: string;
  /** When the earliest firing or pending instance became active. */
  activeAt?: string;
  /** Instances currently firing. */
  firing: number;
  url: string;
}

export interface AlertsResponse extends GrafanaSource {
  alerts: GrafanaAlertRule[];
}

/** One entity's alerts in a bulk answer, or why its annotations could not be read. */
export interface EntityAlerts {
  entityRef: string;
  alerts?: AlertsResponse;
  error?: string;
}

export const GRAFANA_TIME_RANGES = ['1h', '6h', '24h', '7d'] as const;
export type GrafanaTimeRange = (typeof GRAFANA_TIME_RANGES)[number];

export type PanelKind = 'timeseries' | 'stat' | 'gauge' | 'table';

/** A data frame as Grafana returns it, with its columns as fields. */
export interface DataFrame {
  name?: string;
  refId?: string;
  fields: Array<{
    name: string;
    type: 'time' | 'number' | 'string' | 'boolean' | 'other';
    labels?: Record<string, string>;
    displayName?: string;
    values: Array<number | string | boolean | null>;
  }>;
}

export interface PanelData {
  dashboardUid: string;
  panelId: number;
  title: string;
  /** How Forja draws it; `unsupported` panels only get their Grafana link. */
  kind: PanelKind | 'unsupported';
  /** The panel's type in Grafana. */
  grafanaType: string;
  unit?: string;
  decimals?: number;
  min?: number;
  max?: number;
  thresholds?: Array<{ value: number | null; color: string }>;
  frames: DataFrame[];
  /** Open in Grafana, at the same time range. */
  url: string;
  /** The panel's solo URL, only for hosts configured as embeddable. */
  embedUrl?: string;
  /** This panel failed (its dashboard, datasource or query); the others did not. */
  error?: string;
}

export interface PanelsResponse extends GrafanaSource {
  range: GrafanaTimeRange;
  panels: PanelData[];
}
