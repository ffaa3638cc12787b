import {
  applicationEnvironment,
  EntityApplications,
} from '@forja/plugin-argocd-common';
import { ArgoCdCellValue } from '@forja/plugin-overview-common';
import { SourceRead } from '../sourceReader';
import {
  bulkConfigured,
  failedPart,
  notConfigured,
  PartOf,
  unanswered,
} from './common';

export type ArgoCdAnswer = SourceRead<Record<string, EntityApplications>>;

/** Where an application runs (the rule the Argo CD tab's rollback uses too). */
export { applicationEnvironment };

/** The environments the entity's applications run in. */
export function argocdEnvironments(
  result: ArgoCdAnswer,
  ref: string,
  declared: string[],
): string[] {
  return (result.value?.[ref]?.applications?.applications ?? []).flatMap(
    app => {
      const env = applicationEnvironment(app, declared);
      return env ? [env] : [];
    },
  );
}

/** The entity's Argo CD applications in each environment. */
export function argocdPart(
  result: ArgoCdAnswer,
  ref: string,
  declared: string[],
): PartOf<ArgoCdCellValue> {
  const missing = unanswered<ArgoCdCellValue>(result);
  if (missing) return missing;
  const own = result.value?.[ref];
  if (!own) return () => ({ state: 'none' });
  if (own.error) return () => failedPart(own.error);
  const response = own.applications!;
  if (!response.configured) return notConfigured;
  const down = response.instances.filter(i => i.status !== 'ok');
  return env => {
    const applications = response.applications
      .filter(app => applicationEnvironment(app, declared) === env)
      .map(app => ({
        instance: app.instance,
        name: app.name,
        syncStatus: app.syncStatus,
        healthStatus: app.healthStatus,
        revision: app.revision,
        deployedAt: app.deployedAt,
        url: app.url,
      }));
    if (!applications.length && down.length)
      return failedPart(down.map(i => i.message ?? i.status).join('; '));
    return {
      state: applications.length ? result.state : 'none',
      fetchedAt: response.fetchedAt ?? result.fetchedAt,
      value: applications.length ? { applications } : undefined,
    };
  };
}

/** Every Argo CD instance that did not answer, once per entity that asked it. */
export const argocdFailures = (result: ArgoCdAnswer): string[] =>
  Object.values(result.value ?? {})
    .flatMap(
      e => e.applications?.instances.filter(i => i.status !== 'ok') ?? [],
    )
    .map(i => `${i.name}: ${i.message ?? i.status}`);

/** Whether any Argo CD instance is configured (a bulk answer says so per entity). */
export const argocdConfigured = (result: ArgoCdAnswer) =>
  bulkConfigured(result, e => e.applications);
