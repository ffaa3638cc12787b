import { SwrCache } from '@forja/plugin-forja-node';
import { AlertState, GrafanaAlertRule } from '@forja/plugin-grafana-common';
import { GrafanaClient, RuleJson, RulesJson } from './client';

/** The order alerts are listed in: what needs attention first. */
export const ALERT_ORDER: AlertState[] = [
  'firing',
  'pending',
  'error',
  'nodata',
  'recovering',
  'inactive',
];

/** A rule's state as the card shows it: its alerting state, else its health's trouble. */
export function alertState(rule: {
  state?: string;
  health?: string;
}): AlertState {
  if (
    rule.state === 'firing' ||
    rule.state === 'pending' ||
    rule.state === 'recovering'
  ) {
    return rule.state;
  }
  if (rule.health === 'error' || rule.health === 'nodata') return rule.health;
  return 'inactive';
}

type RuleGroup = NonNullable<NonNullable<RulesJson['data']>['groups']>[number];

/**
 * The rules whose labels hold every pair of `selector`, linked on the host's `domain`,
 * firing first then by name.
 */
export function matchAlerts(
  groups: RuleGroup[],
  selector: Record<string, string>,
  domain: string,
): GrafanaAlertRule[] {
  const alerts: GrafanaAlertRule[] = groups.flatMap(group =>
    (group.rules ?? [])
      .filter((rule: RuleJson) =>
        Object.entries(selector).every(([k, v]) => rule.labels?.[k] === v),
      )
      .map(rule => {
        const active = (rule.alerts ?? [])
          .map(a => a.activeAt)
          .filter((t): t is string => Boolean(t))
          .sort();
        return {
          name: rule.name,
          state: alertState(rule),
          severity: rule.labels?.severity,
          summary: rule.annotations?.summary,
          description: rule.annotations?.description,
          runbookUrl: rule.annotations?.runbook_url,
          labels: rule.labels ?? {},
          folder: group.file,
          group: group.name,
          activeAt: active[0],
          // Grafana-managed alerts say Alerting, a data source's ruler firing.
          firing: (rule.alerts ?? []).filter(
            a => a.state === 'Alerting' || a.state === 'firing',
          ).length,
          url: `${domain}/alerting/list?search=${encodeURIComponent(
            rule.name,
          )}`,
        };
      }),
  );
  alerts.sort(
    (a, b) =>
      ALERT_ORDER.indexOf(a.state) - ALERT_ORDER.indexOf(b.state) ||
      a.name.localeCompare(b.name),
  );
  return alerts;
}

/**
 * The host's alert rules that match `selector`, from every configured ruler (Grafana's own
 * and data sources'), one cached read per ruler shared by every entity.
 */
export async function readAlerts(
  client: GrafanaClient,
  cache: SwrCache,
  selector: Record<string, string>,
): Promise<{ alerts: GrafanaAlertRule[]; fetchedAt: string | undefined }> {
  const read = await Promise.all(
    client.host.alertRulers.map(ruler =>
      cache.cached(
        ruler === 'grafana'
          ? `grafana:rules:${client.host.id}`
          : `grafana:rules:${client.host.id}:${ruler}`,
        () => client.alertRules(ruler),
      ),
    ),
  );
  const fetchedAt = read.map(r => r.fetchedAt).sort()[0];
  const groups = read.flatMap(({ value }) => value.data?.groups ?? []);
  return {
    alerts: matchAlerts(groups, selector, client.host.domain),
    fetchedAt,
  };
}
