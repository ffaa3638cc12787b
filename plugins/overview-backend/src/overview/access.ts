import {
  BackstageCredentials,
  PermissionsService,
} from '@backstage/backend-plugin-api';
import { Entity } from '@backstage/catalog-model';
import { catalogEntityReadPermission } from '@backstage/plugin-catalog-common/alpha';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import {
  AuthorizeResult,
  ResourcePermission,
} from '@backstage/plugin-permission-common';
import { argocdApplicationReadPermission } from '@forja/plugin-argocd-common';
import { costEntityReadPermission } from '@forja/plugin-cost-common';
import { grafanaEntityReadPermission } from '@forja/plugin-grafana-common';
import { CellPart } from '@forja/plugin-overview-common';
import { refOf } from '../sources';
import { ScopeFilter } from './scope';

/** Decisions per call to the permission backend (it takes bodies up to 100 kB). */
export const AUTHORIZE_BATCH = 240;

/** Which sources the viewer may read for one row. */
export interface AllowedSources {
  argocd: boolean;
  grafana: boolean;
  cost: boolean;
  kubernetes: boolean;
}

/**
 * Which sources the viewer may read, by the row's index; `uniform` names the decisions
 * when they are the same for every row (no conditional one), else it is undefined.
 */
export type RowPermissions = ((index: number) => AllowedSources) & {
  uniform?: string;
};

/**
 * Per entity, which source permissions the viewer holds. A policy that decides a
 * permission for every entity at once (allow or deny) costs one call; only conditional
 * ones are asked per entity, a few hundred decisions per call (the permission backend
 * takes bodies up to 100 kB). Kubernetes answers with the Kubernetes backend's own
 * `kubernetes.resources.read`, a permission for all entities at once. The answer is
 * looked up by the entity's index in `entities`.
 */
export async function allowedSources(
  permissions: Pick<PermissionsService, 'authorize' | 'authorizeConditional'>,
  entities: Entity[],
  credentials: BackstageCredentials,
): Promise<RowPermissions> {
  const checks: ResourcePermission<'catalog-entity'>[] = [
    argocdApplicationReadPermission,
    grafanaEntityReadPermission,
    costEntityReadPermission,
  ];
  const [overall, [kubernetesDecision]] = await Promise.all([
    permissions.authorizeConditional(
      checks.map(permission => ({ permission })),
      { credentials },
    ),
    permissions.authorize([{ permission: kubernetesResourcesReadPermission }], {
      credentials,
    }),
  ]);
  const conditional = checks.filter(
    (_, i) => overall[i].result === AuthorizeResult.CONDITIONAL,
  );
  const requests = entities.flatMap(entity =>
    conditional.map(permission => ({
      permission,
      resourceRef: refOf(entity),
    })),
  );
  const batches: (typeof requests)[] = [];
  for (let i = 0; i < requests.length; i += AUTHORIZE_BATCH)
    batches.push(requests.slice(i, i + AUTHORIZE_BATCH));
  const decisions = (
    await Promise.all(
      batches.map(batch => permissions.authorize(batch, { credentials })),
    )
  ).flat();
  const forRow = (index: number) => {
    const allowed = (i: number) => {
      const { result } = overall[i];
      if (result !== AuthorizeResult.CONDITIONAL)
        return result === AuthorizeResult.ALLOW;
      const at = index * conditional.length + conditional.indexOf(checks[i]);
      return decisions[at]?.result === AuthorizeResult.ALLOW;
    };
    return {
      argocd: allowed(0),
      grafana: allowed(1),
      cost: allowed(2),
      kubernetes: kubernetesDecision.result === AuthorizeResult.ALLOW,
    };
  };
  return Object.assign(forRow, {
    uniform: conditional.length
      ? undefined
      : [...overall, kubernetesDecision].map(d => d.result).join(','),
  });
}

/**
 * The scope's components the viewer may see: all of them when the policy allows every
 * catalog read, else what the catalog lists for the viewer (it applies the conditions).
 * `filter` is the scope's catalog filter, asked for only in that last case.
 */
export async function visibleComponents(
  options: {
    permissions: Pick<PermissionsService, 'authorizeConditional'>;
    catalog: Pick<CatalogService, 'getEntities'>;
  },
  filter: () => Promise<ScopeFilter>,
  all: Entity[],
  credentials: BackstageCredentials,
): Promise<Entity[]> {
  const { permissions, catalog } = options;
  const [decision] = await permissions.authorizeConditional(
    [{ permission: catalogEntityReadPermission }],
    { credentials },
  );
  if (decision.result === AuthorizeResult.ALLOW) return all;
  if (decision.result === AuthorizeResult.DENY) return [];
  const { items } = await catalog.getEntities(
    {
      filter: await filter(),
      fields: ['kind', 'metadata.name', 'metadata.namespace'],
    },
    { credentials },
  );
  const visible = new Set(items.map(refOf));
  return all.filter(e => visible.has(refOf(e)));
}

/** A part the viewer may not read shows as forbidden (one with nothing to show stays none). */
export const forbidden = <T>(
  part: CellPart<T>,
  allowed: boolean,
): CellPart<T> =>
  allowed || part.state === 'none' ? part : { state: 'forbidden' };
