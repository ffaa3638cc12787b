import { ResourceStatus } from '@forja/plugin-argocd-common';
import { ArgoCdApplication } from '@forja/plugin-argocd-node';

const resourceKey = (r: ResourceStatus) =>
  `${r.kind}/${r.namespace ?? ''}/${r.name}`;

/**
 * The resource tree's nodes with their health, and their sync status from the
 * application's `status.resources` (tree nodes carry none).
 */
export function resourcesWithSync(
  application: ArgoCdApplication,
  nodes: ResourceStatus[],
): ResourceStatus[] {
  const syncOf = new Map(
    (application.status?.resources ?? []).map(r => [resourceKey(r), r.status]),
  );
  return nodes.map(node => ({
    kind: node.kind,
    name: node.name,
    namespace: node.namespace,
    status: syncOf.get(resourceKey(node)),
    health: node.health,
  }));
}
