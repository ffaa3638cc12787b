import { Entity } from '@backstage/catalog-model';
import { kubernetesResourcesReadPermission } from '@backstage/plugin-kubernetes-common';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { argocdApplicationReadPermission } from '@forja/plugin-argocd-common';
import { costEntityReadPermission } from '@forja/plugin-cost-common';
import { grafanaEntityReadPermission } from '@forja/plugin-grafana-common';
import {
  allowedSources,
  AUTHORIZE_BATCH,
  forbidden,
  visibleComponents,
} from './access';

const credentials = { $$type: '@backstage/BackstageCredentials' } as any;

const component = (name: string): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default' },
});

/**
 * A policy: each permission's overall decision, and for conditional ones which
 * entities it allows.
 */
function fakePermissions(policy: {
  overall: Record<string, AuthorizeResult>;
  allows?: (permission: string, resourceRef: string) => boolean;
}) {
  const decide = (permission: string, resourceRef?: string) => {
    if (resourceRef === undefined) return policy.overall[permission];
    return policy.allows?.(permission, resourceRef)
      ? AuthorizeResult.ALLOW
      : AuthorizeResult.DENY;
  };
  const authorize = jest.fn(
    async (requests: Array<{ permission: any; resourceRef?: string }>) =>
      requests.map(({ permission, resourceRef }) => ({
        result: decide(permission.name, resourceRef),
      })),
  );
  const authorizeConditional = jest.fn(
    async (requests: Array<{ permission: any }>) =>
      requests.map(({ permission }) => ({
        result: policy.overall[permission.name],
      })),
  );
  return { authorize, authorizeConditional } as any;
}

const ARGOCD = argocdApplicationReadPermission.name;
const GRAFANA = grafanaEntityReadPermission.name;
const COST = costEntityReadPermission.name;
const KUBERNETES = kubernetesResourcesReadPermission.name;

describe('allowedSources', () => {
  it('costs one call per kind of decision when the policy decides for every entity', async () => {
    const permissions = fakePermissions({
      overall: {
        [ARGOCD]: AuthorizeResult.ALLOW,
        [GRAFANA]: AuthorizeResult.DENY,
        [COST]: AuthorizeResult.ALLOW,
        [KUBERNETES]: AuthorizeResult.DENY,
      },
    });
    const allowed = await allowedSources(
      permissions,
      [component('a'), component('b')],
      credentials,
    );
    expect(allowed(1)).toEqual({
      argocd: true,
      grafana: false,
      cost: true,
      kubernetes: false,
    });
    expect(permissions.authorize).toHaveBeenCalledTimes(1);
    // The same for every row: viewers with these decisions can share one response.
    expect(allowed.uniform).toBe('ALLOW,DENY,ALLOW,DENY');
  });

  it('asks conditional permissions per entity, in batches, and answers by index', async () => {
    const entities = Array.from({ length: 300 }, (_, i) => component(`c${i}`));
    const permissions = fakePermissions({
      overall: {
        [ARGOCD]: AuthorizeResult.CONDITIONAL,
        [GRAFANA]: AuthorizeResult.ALLOW,
        [COST]: AuthorizeResult.CONDITIONAL,
        [KUBERNETES]: AuthorizeResult.ALLOW,
      },
      // Argo CD for the even components, cost for those past the hundredth.
      allows: (permission, ref) => {
        const n = Number(ref.replace('component:default/c', ''));
        return permission === ARGOCD ? n % 2 === 0 : n >= 100;
      },
    });
    const allowed = await allowedSources(permissions, entities, credentials);
    expect(allowed(0)).toEqual({
      argocd: true,
      grafana: true,
      cost: false,
      kubernetes: true,
    });
    expect(allowed(101)).toEqual({
      argocd: false,
      grafana: true,
      cost: true,
      kubernetes: true,
    });
    expect(allowed(298)).toMatchObject({ argocd: true, cost: true });
    expect(allowed.uniform).toBeUndefined();
    // 600 decisions: the Kubernetes call, then batches of at most AUTHORIZE_BATCH.
    const sizes = permissions.authorize.mock.calls.map(
      ([requests]: [unknown[]]) => requests.length,
    );
    expect(sizes).toEqual([1, AUTHORIZE_BATCH, AUTHORIZE_BATCH, 120]);
  });
});

describe('visibleComponents', () => {
  const all = [component('a'), component('b'), component('c')];

  const setup = (result: AuthorizeResult) => {
    const catalog = {
      getEntities: jest.fn(async () => ({
        items: [component('c'), component('a'), component('elsewhere')],
      })),
    };
    const filter = jest.fn(async () => ({ kind: 'component' }));
    const permissions = {
      authorizeConditional: async () => [{ result }],
    } as any;
    return { options: { permissions, catalog } as any, catalog, filter };
  };

  it('shows every component when the policy allows every catalog read', async () => {
    const { options, catalog, filter } = setup(AuthorizeResult.ALLOW);
    await expect(
      visibleComponents(options, filter, all, credentials),
    ).resolves.toBe(all);
    expect(catalog.getEntities).not.toHaveBeenCalled();
    expect(filter).not.toHaveBeenCalled();
  });

  it('shows nothing when it denies them', async () => {
    const { options } = setup(AuthorizeResult.DENY);
    await expect(
      visibleComponents(options, async () => ({}), all, credentials),
    ).resolves.toEqual([]);
  });

  it("keeps, in order, what the catalog lists for the viewer when it's conditional", async () => {
    const { options, catalog, filter } = setup(AuthorizeResult.CONDITIONAL);
    const visible = await visibleComponents(options, filter, all, credentials);
    expect(visible.map(e => e.metadata.name)).toEqual(['a', 'c']);
    expect(catalog.getEntities).toHaveBeenCalledWith(
      {
        filter: { kind: 'component' },
        fields: ['kind', 'metadata.name', 'metadata.namespace'],
      },
      { credentials },
    );
  });
});

describe('forbidden', () => {
  it('hides a part the viewer may not read, unless it has nothing to show', () => {
    const part = { state: 'ok' as const, value: 1 };
    expect(forbidden(part, true)).toBe(part);
    expect(forbidden(part, false)).toEqual({ state: 'forbidden' });
    expect(forbidden({ state: 'failed' }, false)).toEqual({
      state: 'forbidden',
    });
    expect(forbidden({ state: 'none' }, false)).toEqual({ state: 'none' });
  });
});
