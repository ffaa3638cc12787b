import { ApplicationQuery, ArgoCdApplication } from '@forja/plugin-argocd-node';
import { labelSelectorMatcher } from '@forja/plugin-forja-node';

/**
 * Whether an application answers a query as Argo CD's list API would (name, label
 * selector, project, namespace): an overview matches many entities against one list of
 * every application instead of asking Argo CD once per entity.
 */
export function applicationMatcher(
  query: ApplicationQuery,
): (app: ArgoCdApplication) => boolean {
  const { name, selector, project, appNamespace } = query;
  const selected = selector ? labelSelectorMatcher(selector) : undefined;
  return app =>
    (!name || app.metadata.name === name) &&
    (!selected || selected(app.metadata.labels)) &&
    (!project || app.spec?.project === project) &&
    (!appNamespace || (app.metadata.namespace ?? 'argocd') === appNamespace);
}
