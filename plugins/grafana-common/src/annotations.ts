import { Entity } from '@backstage/catalog-model';

/** Dashboards of the entity: an expression over title, tags, url and folderTitle. */
export const GRAFANA_ANNOTATION_DASHBOARD_SELECTOR =
  'grafana/dashboard-selector';
/** The community plugin's older name: one dashboard tag. */
export const GRAFANA_ANNOTATION_TAG_SELECTOR = 'grafana/tag-selector';
/** Alert rules of the entity: `label=value`, comma separated (all must match). */
export const GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR =
  'grafana/alert-label-selector';
/** The entity's overview dashboard: its URL (`.../d/<uid>/...`) or uid. */
export const GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD =
  'grafana/overview-dashboard';
/** Which configured host (`grafana.hosts[].id`) the entity's dashboards live on. */
export const GRAFANA_ANNOTATION_HOST_ID = 'grafana/host-id';
/**
 * Panels Forja draws on the entity's Grafana tab: `<dashboard uid>:<panel id>`, comma
 * separated, such as `ms-auth-overview:2, ms-auth-overview:5`.
 */
export const GRAFANA_ANNOTATION_PANELS = 'forja.dev/grafana-panels';
/**
 * Values for the dashboards' template variables on this entity, `name=value` comma
 * separated, such as `service=ms-auth, namespace=video`; other variables keep the
 * dashboard's saved value.
 */
export const GRAFANA_ANNOTATION_VARIABLES = 'forja.dev/grafana-variables';

const annotation = (entity: Entity, key: string) =>
  entity.metadata.annotations?.[key]?.trim() || undefined;

export const isGrafanaDashboardsAvailable = (entity: Entity) =>
  Boolean(
    annotation(entity, GRAFANA_ANNOTATION_DASHBOARD_SELECTOR) ??
      annotation(entity, GRAFANA_ANNOTATION_TAG_SELECTOR),
  );

export const isGrafanaAlertsAvailable = (entity: Entity) =>
  Boolean(annotation(entity, GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR));

export const isGrafanaPanelsAvailable = (entity: Entity) =>
  Boolean(
    annotation(entity, GRAFANA_ANNOTATION_PANELS) ??
      annotation(entity, GRAFANA_ANNOTATION_OVERVIEW_DASHBOARD),
  );
