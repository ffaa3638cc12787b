import { EntityAlerts, GrafanaAlertRule } from '@forja/plugin-grafana-common';
import { AlertsCellValue, OverviewRow } from '@forja/plugin-overview-common';
import { ENVIRONMENT_LABEL } from '../../sources';
import { SourceRead } from '../sourceReader';
import { bulkConfigured, failedPart, notConfigured, PartOf } from './common';

export type AlertsAnswer = SourceRead<Record<string, EntityAlerts>>;

/** The environment an alert rule names in its labels, if any. */
export const alertEnvironment = (rule: GrafanaAlertRule) =>
  rule.labels.environment ?? rule.labels.env ?? rule.labels[ENVIRONMENT_LABEL];

const brief = (rule: GrafanaAlertRule) => ({
  name: rule.name,
  severity: rule.severity,
  summary: rule.summary,
  activeAt: rule.activeAt,
  url: rule.url,
});

/**
 * The entity's firing alerts in each environment, and those that name no environment
 * (shown on the row itself).
 */
export function alertsPart(
  result: AlertsAnswer,
  ref: string,
): {
  part: PartOf<AlertsCellValue>;
  unplaced: OverviewRow['unplacedAlerts'];
} {
  const none = {
    part: () => ({ state: 'none' } as const),
    unplaced: [],
  };
  if (result.state === 'failed')
    return {
      part: () => failedPart<AlertsCellValue>(result.message),
      unplaced: [],
    };
  if (result.state === 'pending')
    return { part: () => ({ state: 'pending' }), unplaced: [] };
  const own = result.value?.[ref];
  if (!own) return none;
  if (own.alerts?.configured === false)
    return { part: notConfigured<AlertsCellValue>, unplaced: [] };
  if (own.error || own.alerts?.status !== 'ok') {
    const message = own.error ?? own.alerts?.message;
    return { part: () => failedPart<AlertsCellValue>(message), unplaced: [] };
  }
  const alerts = own.alerts;
  const firing = alerts.alerts.filter(rule => rule.state === 'firing');
  return {
    part: env => ({
      state: result.state,
      fetchedAt: alerts.fetchedAt ?? result.fetchedAt,
      value: {
        firing: firing.filter(r => alertEnvironment(r) === env).map(brief),
      },
    }),
    unplaced: firing.filter(r => !alertEnvironment(r)).map(brief),
  };
}

/** Every Grafana host that did not answer, once per entity that asked it. */
export const grafanaFailures = (result: AlertsAnswer): string[] =>
  Object.values(result.value ?? {})
    .flatMap(e =>
      e.alerts?.configured && e.alerts.status !== 'ok' ? [e.alerts] : [],
    )
    .map(a => `${a.host}: ${a.message ?? a.status}`);

/** Whether any Grafana host is configured (a bulk answer says so per entity). */
export const grafanaConfigured = (result: AlertsAnswer) =>
  bulkConfigured(result, e => e.alerts);
