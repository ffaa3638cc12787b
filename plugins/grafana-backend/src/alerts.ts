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
type GroupRule = { group: RuleGroup; rule: RuleJson };

const pairKey = (key: string, value: string) => `${key}\u0000${value}`;

/** A ruler's rules in order, and by label pair: built once per read, not per entity. */
interface RuleIndex {
  all: GroupRule[];
  byLabel: Map<string, GroupRule[]>;
}
const ruleIndexes = new WeakMap<RulesJson, RuleIndex>();

function indexRules(rules: RulesJson): RuleIndex {
  if (typeof rules !== 'object' || !rules)
    return { all: [], byLabel: new Map() };
  let index = ruleIndexes.get(rules);
  if (index) return index;
  index = { all: [], byLabel: new Map() };
  for (const group of rules.data?.groups ?? []) {
    for (const rule of group.rules ?? []) {
      const entry = { group, rule };
      index.all.push(entry);
      for (const [k, v] of Object.entries(rule.labels ?? {})) {
        const key = pairKey(k, v);
        const list = index.byLabel.get(key);
        if (list) list.push(entry);
        else index.byLabel.set(key, [entry]);
      }
    }
  }
  ruleIndexes.set(rules, index);
  return index;
}

/** The indexed rules that can match: those holding the selector's rarest pair. */
function candidates(
  index: RuleIndex,
  selector: Record<string, string>,
): GroupRule[] {
  let narrowest = index.all;
  for (const [k, v] of Object.entries(selector)) {
    const list = index.byLabel.get(pairKey(k, v)) ?? [];
    if (list.length < narrowest.length) narrowest = list;
  }
  return narrowest;
}

/** The rules holding every pair of `selector`, as the card lists them, firing first. */
function toAlerts(
  rules: GroupRule[],
  selector: Record<string, string>,
  domain: string,
): GrafanaAlertRule[] {
  const alerts: GrafanaAlertRule[] = rules
    .filter(({ rule }) =>
      Object.entries(selector).every(([k, v]) => rule.labels?.[k] === v),
    )
    .map(({ group, rule }) => {
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
        url: `${domain}/alerting/list?search=${encodeURIComponent(rule.name)}`,
      };
    });
  alerts.sort(
    (a, b) =>
      ALERT_ORDER.indexOf(a.state) - ALERT_ORDER.indexOf(b.state) ||
      a.name.localeCompare(b.name),
  );
  return alerts;
}

/**
 * The rules whose labels hold every pair of `selector`, linked on the host's `domain`,
 * firing first then by name.
 */
export function matchAlerts(
  groups: RuleGroup[],
  selector: Record<string, string>,
  domain: string,
): GrafanaAlertRule[] {
  return toAlerts(
    groups.flatMap(group => (group.rules ?? []).map(rule => ({ group, rule }))),
    selector,
    domain,
  );
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
  // A bulk route asks once per entity: each ruler's rules are indexed once per read.
  const rules = read.flatMap(({ value }) =>
    candidates(indexRules(value), selector),
  );
  return { alerts: toAlerts(rules, selector, client.host.domain), fetchedAt };
}
