import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import { argocdApplicationReadPermission } from '@forja/plugin-argocd-common';
import { entityEnvironments } from '@forja/plugin-cost-common';
import { upstreamStatus } from '@forja/plugin-forja-node';
import {
  EnvironmentColumn,
  EnvironmentsResponse,
  overviewPromotePermission,
} from '@forja/plugin-overview-common';
import { OverlayFacts, OverlayReader } from './overlays';
import { OverviewService } from './overview';
import { refOf } from './sources';

const isFacts = (
  o: OverlayFacts | { error: string } | undefined,
): o is OverlayFacts => Boolean(o && !('error' in o));

/** What differs between two environments' overlays: images, replicas, config values. */
export function overlayDifferences(
  previous: OverlayFacts,
  current: OverlayFacts,
): EnvironmentColumn['differences'] {
  const differences: EnvironmentColumn['differences'] = [];
  const compare = (
    kind: 'image' | 'replicas' | 'config',
    a: Record<string, string | number>,
    b: Record<string, string | number>,
  ) => {
    for (const key of [
      ...new Set([...Object.keys(a), ...Object.keys(b)]),
    ].sort()) {
      if (a[key] !== b[key]) {
        differences.push({
          kind,
          key,
          previous: a[key] === undefined ? undefined : String(a[key]),
          current: b[key] === undefined ? undefined : String(b[key]),
        });
      }
    }
  };
  compare('image', previous.images, current.images);
  compare('replicas', previous.replicas, current.replicas);
  compare('config', previous.config, current.config);
  return differences;
}

function overlayPart(
  overlay: OverlayFacts | { error: string } | undefined,
): EnvironmentColumn['overlay'] {
  if (!overlay) return { state: 'none' };
  if (isFacts(overlay)) return { state: 'ok', value: overlay };
  return { state: 'failed', message: overlay.error };
}

/** The Environments card: what runs in each environment, what its overlay declares, what differs. */
export async function describeEnvironments(options: {
  entity: Entity;
  credentials: BackstageCredentials;
  permissions: PermissionsService;
  overview: OverviewService;
  overlays: OverlayReader;
  promotionBlocked: (entity: Entity) => string | undefined;
}): Promise<EnvironmentsResponse> {
  const { entity, credentials } = options;
  const environments = entityEnvironments(entity);
  const resourceRef = refOf(entity);
  const [live, overlays, decisions] = await Promise.all([
    options.overview.entityCells(entity),
    options.overlays(entity, environments).then(
      value => ({ value }),
      error => ({ error: upstreamStatus(error).message }),
    ),
    options.permissions.authorize(
      [
        { permission: overviewPromotePermission, resourceRef },
        { permission: argocdApplicationReadPermission, resourceRef },
        { permission: kubernetesResourcesReadPermission },
      ],
      { credentials },
    ),
  ]);
  const [mayPromote, mayReadArgoCd, mayReadKubernetes] = decisions.map(
    d => d.result === AuthorizeResult.ALLOW,
  );
  const blocked = options.promotionBlocked(entity);
  const overlayOf = (env: string) =>
    'value' in overlays ? overlays.value?.[env] : { error: overlays.error };

  const columns = environments.map((environment, index): EnvironmentColumn => {
    const cell = live.cells.get(environment)!;
    const overlay = overlayOf(environment);
    const previous = index > 0 ? overlayOf(environments[index - 1]) : undefined;
    const differences =
      isFacts(previous) && isFacts(overlay)
        ? overlayDifferences(previous, overlay)
        : [];
    let promoteBlockedReason: string | undefined;
    if (index === 0)
      promoteBlockedReason = 'the first environment receives new builds';
    else if (!mayPromote)
      promoteBlockedReason = 'you may not promote this entity';
    else if (blocked) promoteBlockedReason = blocked;
    else if (!differences.some(d => d.kind === 'image'))
      promoteBlockedReason = `already runs the image of ${
        environments[index - 1]
      }`;
    return {
      environment,
      argocd: mayReadArgoCd ? cell.argocd : { state: 'forbidden' },
      kubernetes: mayReadKubernetes ? cell.kubernetes : { state: 'forbidden' },
      overlay: overlayPart(overlay),
      differences,
      promotable: !promoteBlockedReason,
      promoteBlockedReason,
    };
  });
  return {
    entityRef: resourceRef,
    environments: columns,
    sources: live.sources,
  };
}
