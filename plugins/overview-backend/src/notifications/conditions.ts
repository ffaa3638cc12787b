import { parseEntityRef } from '@backstage/catalog-model';
import { EntityApplications } from '@forja/plugin-argocd-common';
import { EntityAlerts } from '@forja/plugin-grafana-common';
import { Condition, ConditionSource } from './episodes';

/** The entity page's tab (`/catalog/<namespace>/<kind>/<name>/<tab>`), relative to the app. */
export function entityPageLink(entityRef: string, tab?: string): string {
  const { kind, namespace, name } = parseEntityRef(entityRef);
  const page = `/catalog/${[namespace, kind, name]
    .map(encodeURIComponent)
    .join('/')}`;
  return tab ? `${page}/${tab}` : page;
}

/** What one pass read: the conditions, and which entity's sources answered in full. */
export interface Observation {
  conditions: Condition[];
  observed: Set<string>;
}

export const observedKey = (entityRef: string, source: ConditionSource) =>
  `${source}:${entityRef}`;

/**
 * Degraded and OutOfSync applications of each entity. An entity whose Argo CD read failed,
 * or one of whose instances did not answer, is not observed: its episodes stay as they are.
 */
export function argocdConditions(
  answers: Record<string, EntityApplications>,
  into: Observation,
) {
  for (const [entityRef, answer] of Object.entries(answers)) {
    const response = answer.applications;
    if (
      answer.error ||
      !response ||
      response.instances.some(i => i.status !== 'ok')
    )
      continue;
    into.observed.add(observedKey(entityRef, 'argocd'));
    for (const app of response.applications) {
      const id = `argocd:${app.instance}/${app.namespace}/${app.name}`;
      const base = {
        entityRef,
        source: 'argocd' as const,
        subject: app.environment
          ? `${app.name} (${app.environment})`
          : app.name,
        link: entityPageLink(entityRef, 'argocd'),
      };
      if (app.healthStatus === 'Degraded')
        into.conditions.push({
          ...base,
          kind: 'degraded',
          key: `${id}:degraded`,
        });
      if (app.syncStatus === 'OutOfSync')
        into.conditions.push({
          ...base,
          kind: 'out-of-sync',
          key: `${id}:out-of-sync`,
        });
    }
  }
}

/** Each entity's firing alert rules; the link is the rule in Grafana (its configured host). */
export function grafanaConditions(
  answers: Record<string, EntityAlerts>,
  into: Observation,
) {
  for (const [entityRef, answer] of Object.entries(answers)) {
    const response = answer.alerts;
    if (answer.error || !response || response.status !== 'ok') continue;
    into.observed.add(observedKey(entityRef, 'grafana'));
    for (const rule of response.alerts) {
      if (rule.state !== 'firing') continue;
      into.conditions.push({
        entityRef,
        source: 'grafana',
        kind: 'alert-firing',
        key: `grafana:${response.host ?? ''}:${rule.folder ?? ''}/${
          rule.group ?? ''
        }/${rule.name}`,
        subject: rule.summary ? `${rule.name}: ${rule.summary}` : rule.name,
        link: rule.url || entityPageLink(entityRef, 'grafana'),
      });
    }
  }
}
