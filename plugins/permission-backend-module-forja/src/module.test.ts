import { permissionsServiceFactory } from '@backstage/backend-defaults/permissions';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { FakeArgoCd, startFakeArgoCd } from '@forja/test-servers';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import request from 'supertest';
import policyModule from './index';
import { httpAuthKeepingActor, userInfoFromTable } from './__testUtils__/users';

const TOKEN = 'argocd-token-for-policy-tests';
const CATALOG = `
apiVersion: backstage.io/v1alpha1
kind: Component
metadata:
  name: ms-auth
  annotations:
    backstage.io/kubernetes-id: ms-auth
    argocd/app-selector: backstage.io/kubernetes-id=ms-auth
spec: { type: service, lifecycle: production, owner: group:default/team-video }
`;

/**
 * The real chain: argocd-backend asks the permission backend, Forja's policy answers
 * with a catalog condition, and the catalog decides ownership from the entity's relations.
 */
describe("Forja's permission policy", () => {
  let argocd: FakeArgoCd;
  let server: any;

  beforeAll(async () => {
    argocd = await startFakeArgoCd({
      token: TOKEN,
      applications: [
        {
          name: 'ms-auth-dev',
          project: 'video-system',
          labels: { 'backstage.io/kubernetes-id': 'ms-auth' },
          sync: 'OutOfSync',
          health: 'Healthy',
          revision: 'a1b2c3d4e5f6',
        },
      ],
    });
    const dir = mkdtempSync(join(tmpdir(), 'forja-policy-'));
    writeFileSync(join(dir, 'catalog.yaml'), CATALOG);
    ({ server } = await startTestBackend({
      features: [
        import('@backstage/plugin-permission-backend'),
        import('@backstage/plugin-catalog-backend'),
        import('@forja/plugin-argocd-backend'),
        import('@forja/plugin-overview-backend'),
        policyModule,
        permissionsServiceFactory,
        userInfoFromTable,
        httpAuthKeepingActor,
        mockServices.rootConfig.factory({
          data: {
            permission: { enabled: true },
            forja: { permissions: { admins: ['group:default/platform'] } },
            catalog: {
              rules: [{ allow: ['Component'] }],
              locations: [{ type: 'file', target: join(dir, 'catalog.yaml') }],
            },
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [{ name: 'main', url: argocd.url, token: TOKEN }],
                },
              ],
            },
          },
        }),
      ],
    }));
    // Wait for the catalog to process the entity and its ownedBy relation.
    let last = '';
    for (let attempt = 0; attempt < 100; attempt++) {
      const res = await request(server)
        .get('/api/catalog/entities/by-name/component/default/ms-auth')
        .set('authorization', mockCredentials.user.header('user:default/ana'));
      if (res.status === 200 && res.body.relations?.length) return;
      last = `${res.status} ${JSON.stringify(res.body).slice(0, 500)}`;
      await new Promise(r => setTimeout(r, 200));
    }
    throw new Error(`the catalog never served ms-auth: ${last}`);
  }, 60_000);

  afterAll(() => argocd?.close());
  beforeEach(() => {
    argocd.syncs.length = 0;
    argocd.requests.length = 0;
  });

  const sync = (user: string) =>
    request(server)
      .post(
        '/api/forja-argocd/entities/component/default/ms-auth/applications/main/ms-auth-dev/sync',
      )
      .set('authorization', mockCredentials.user.header(user));

  it("lets a member of the owning group sync the entity's application", async () => {
    const res = await sync('user:default/ana');
    expect(res.status).toBe(200);
    expect(argocd.syncs).toEqual(['ms-auth-dev']);
  });

  it('lets an admin group sync any entity', async () => {
    const res = await sync('user:default/root');
    expect(res.status).toBe(200);
    expect(argocd.syncs).toEqual(['ms-auth-dev']);
  });

  it('refuses someone else with 403 and sends nothing upstream', async () => {
    const res = await sync('user:default/elisa');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(argocd.syncs).toEqual([]);
    expect(argocd.requests).toEqual([]);
  });

  it('lets only owners and admins open a promotion pull request', async () => {
    const promote = (user: string) =>
      request(server)
        .post('/api/overview/entities/component/default/ms-auth/promote')
        .set('authorization', mockCredentials.user.header(user))
        .send({ environment: 'prod' });
    expect((await promote('user:default/elisa')).status).toBe(403);
    // The owner passes the permission; this entity declares nothing to promote.
    const owner = await promote('user:default/ana');
    expect(owner.status).toBe(400);
    expect(owner.body.error.message).toMatch(/declares no environments/);
  });

  it('still lets everyone read', async () => {
    const res = await request(server)
      .get('/api/forja-argocd/entities/component/default/ms-auth/applications')
      .set('authorization', mockCredentials.user.header('user:default/elisa'));
    expect(res.status).toBe(200);
    expect(res.body.applications.map((a: any) => a.name)).toEqual([
      'ms-auth-dev',
    ]);
  });
});
