import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { FakeArgoCd, startFakeArgoCd } from '@forja/test-servers';
import request from 'supertest';
import argocdPlugin from './index';

jest.setTimeout(60_000);

const TOKEN = 'argocd-api-token-for-tests';

const entity = (name: string, annotations: Record<string, string>): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner: 'team-video' },
});

const app = (name: string, env: string) => ({
  name,
  project: 'video-system',
  labels: {
    'backstage.io/kubernetes-id': 'ms-auth',
    'forja.dev/environment': env,
  },
  sync: 'Synced' as const,
  health: 'Healthy' as const,
  revision: 'a1b2c3d4e5f6',
});

describe('Argo CD backend against an instance whose answers never stop', () => {
  let main: FakeArgoCd;
  let prod: FakeArgoCd;
  let server: any;

  beforeAll(async () => {
    main = await startFakeArgoCd({
      token: TOKEN,
      applications: [app('ms-auth-dev', 'dev')],
    });
    prod = await startFakeArgoCd({
      token: TOKEN,
      applications: [app('ms-auth-prod', 'prod')],
    });
    ({ server } = await startTestBackend({
      features: [
        argocdPlugin,
        mockServices.permissions.factory(),
        catalogServiceMock.factory({
          entities: [
            entity('ms-auth', {
              'argocd/app-selector': 'backstage.io/kubernetes-id=ms-auth',
              'argocd/instance-name': 'main,prod',
            }),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            argocd: {
              requestTimeout: '2s',
              maxResponseBytes: 1024 * 1024,
              // Every read goes upstream: no answer is served from the cache.
              cacheFresh: '1ms',
              cacheStale: '1ms',
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [
                    { name: 'main', url: main.url, token: TOKEN },
                    { name: 'prod', url: prod.url, token: TOKEN },
                  ],
                },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterAll(async () => {
    await Promise.all([main.close(), prod.close()]);
  });

  const applications = () =>
    request(server)
      .get('/api/forja-argocd/entities/component/default/ms-auth/applications')
      .set('authorization', mockCredentials.user.header());

  it.each([
    ['oversized', 'prod answered more than the 1 MiB a response may have'],
    ['endless', 'prod is unavailable: no complete answer within 2 s'],
  ] as const)(
    'answers with the other instance and names the limit when one sends an %s body',
    async (fault, message) => {
      prod.fault = fault;
      try {
        const res = await applications();
        expect(res.status).toBe(200);
        expect(res.body.instances).toEqual([
          { name: 'main', status: 'ok' },
          { name: 'prod', status: 'unavailable', message },
        ]);
        expect(res.body.applications.map((a: any) => a.name)).toEqual([
          'ms-auth-dev',
        ]);
      } finally {
        prod.fault = 'none';
      }
      // The backend is still up and reads the instance again once it behaves.
      const again = await applications();
      expect(again.body.instances[1]).toEqual({ name: 'prod', status: 'ok' });
    },
  );
});
