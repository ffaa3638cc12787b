import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { estimatePath, loadCatalog } from '@forja/plugin-cost-node';
import path from 'node:path';
import request from 'supertest';
import costPlugin from './index';

const ROOT = path.resolve(__dirname, '../../..');
const VIDEO = path.join(ROOT, 'examples/systems/video-system');
const DENIED = 'user:default/denied';

const cluster: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Resource',
  metadata: {
    name: 'video-dev-cluster',
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': `file:${VIDEO}/catalog-info.yaml`,
      'forja.dev/environments': 'dev',
      'forja.dev/terraform-dir': 'dir:./terraform/environments/dev',
    },
  },
  spec: { owner: 'group:default/team-video', type: 'kubernetes-cluster' },
};

describe('cost actions (the actions registry API)', () => {
  let server: any;

  beforeAll(async () => {
    ({ server } = await startTestBackend({
      features: [
        costPlugin,
        // The real actions registry, with its HTTP API, instead of the test backend's mock.
        actionsRegistryServiceFactory,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({ entities: [cluster] }),
        mockServices.rootConfig.factory({
          data: {
            cost: {
              moduleRepositories: [
                { url: 'https://github.com/forja-dev/forja.git', path: ROOT },
              ],
            },
          },
        }),
        mockServices.permissions.mock({
          authorize: async (requests, options) =>
            requests.map(() => ({
              result:
                (options?.credentials.principal as { userEntityRef?: string })
                  ?.userEntityRef === DENIED
                  ? AuthorizeResult.DENY
                  : AuthorizeResult.ALLOW,
            })) as never,
        }).factory,
      ],
    }));
  });

  const invoke = (input: object, user?: string) =>
    request(server)
      .post(
        '/api/cost/.backstage/actions/v1/actions/cost:get-entity-cost/invoke',
      )
      .set('authorization', mockCredentials.user.header(user))
      .send(input);

  it('lists the read-only action', async () => {
    const res = await request(server)
      .get('/api/cost/.backstage/actions/v1/actions')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(
      res.body.actions.map((a: any) => [a.id, a.attributes.readOnly]),
    ).toEqual([['cost:get-entity-cost', true]]);
  });

  it("gives an allowed user the entity's estimate, as the engine computes it", async () => {
    const expected = await estimatePath(`${VIDEO}/terraform/environments/dev`, {
      catalog: loadCatalog(),
      moduleRepositories: { 'https://github.com/forja-dev/forja.git': ROOT },
      project: 'dev',
    });
    const res = await invoke({
      entityRef: 'resource:default/video-dev-cluster',
    });
    expect(res.status).toBe(200);
    const [dev] = res.body.output.environments;
    expect(dev).toMatchObject({
      environment: 'dev',
      status: 'ok',
      monthlyCost: expected.totalMonthlyCost,
    });
    const costliest = expected.projects
      .flatMap(p => p.breakdown.resources)
      .sort((a, b) => Number(b.monthlyCost ?? 0) - Number(a.monthlyCost ?? 0))
      .slice(0, 10)
      .map(r => r.name);
    expect(dev.costliestResources.map((r: any) => r.name)).toEqual(costliest);
    expect(dev.otherClouds.map((c: any) => c.cloud).sort()).toEqual([
      'aws',
      'azure',
      'gcp',
    ]);
    expect(res.body.output.pricesRetrievedAt).toMatch(/^\d{4}-\d{2}-\d{2}/);
  });

  it('refuses a denied user and a malformed entityRef, computing nothing', async () => {
    const denied = await invoke(
      { entityRef: 'resource:default/video-dev-cluster' },
      DENIED,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toContain(
      'not allowed to cost.entity.read on resource:default/video-dev-cluster',
    );
    const malformed = await invoke({ entityRef: 'not a ref' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toMatch(/^entityRef: /);
  });
});
