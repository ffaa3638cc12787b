import { memoryCache } from '@forja/test-servers';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { Entity } from '@backstage/catalog-model';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createSwrCache } from '@forja/plugin-forja-node';
import { readOverviewConfig } from './config';
import { createOverviewService } from './overview';

const component: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    namespace: 'default',
    annotations: { 'argocd/app-name': 'ms-auth-dev' },
  },
  spec: { owner: 'team-video' },
};

describe('createOverviewService on a fresh start', () => {
  it('holds nothing read while the catalog had no component: the next view reads the sources for the components it has since', async () => {
    const getEntities = jest
      .fn()
      .mockResolvedValueOnce({ items: [] })
      .mockResolvedValue({ items: [component] });
    const call = jest.fn(async (_pluginId: string, path: string) =>
      path === '/entities/applications'
        ? {
            entities: [
              {
                entityRef: 'component:default/ms-auth',
                applications: {
                  configured: true,
                  instances: [{ name: 'main', status: 'ok' }],
                  applications: [
                    {
                      instance: 'main',
                      name: 'ms-auth-dev',
                      namespace: 'argocd',
                      project: 'video',
                      environment: 'dev',
                      syncStatus: 'Synced',
                      healthStatus: 'Healthy',
                      outOfSyncResources: 0,
                      url: 'https://argocd.example.com/applications/argocd/ms-auth-dev',
                    },
                  ],
                },
              },
            ],
          }
        : { entities: [] },
    ) as any;
    const allow = async (requests: unknown[]) =>
      requests.map(() => ({ result: AuthorizeResult.ALLOW })) as any;
    const overview = createOverviewService({
      config: readOverviewConfig(new ConfigReader({})),
      catalog: { getEntities } as any,
      auth: mockServices.auth(),
      permissions: { authorize: allow, authorizeConditional: allow } as any,
      call,
      cache: createSwrCache({
        cache: memoryCache(),
        logger: mockServices.logger.mock(),
        periods: { freshMs: 30_000, ttlMs: 600_000 },
      }),
      logger: mockServices.logger.mock(),
    });
    const credentials = mockCredentials.user();

    const before = await overview.overview({ kind: 'portal' }, credentials, {});
    expect(before.rows).toEqual([]);
    expect(call).not.toHaveBeenCalledWith(
      'forja-argocd',
      expect.anything(),
      expect.anything(),
    );

    const after = await overview.overview({ kind: 'portal' }, credentials, {});
    expect(after.rows.map(r => r.entityRef)).toEqual([
      'component:default/ms-auth',
    ]);
    expect(
      after.rows[0].cells.find(c => c.environment === 'dev')?.argocd.state,
    ).toBe('ok');
  });
});
