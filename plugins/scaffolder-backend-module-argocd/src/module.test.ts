import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import scaffolderPlugin from '@backstage/plugin-scaffolder-backend';
import { FakeArgoCd, startFakeArgoCd } from '@forja/test-servers';
import request from 'supertest';
import argocdModule from './index';

const TOKEN = 'argocd-token-for-module-tests';

const template = (input: Record<string, unknown>) => ({
  apiVersion: 'scaffolder.backstage.io/v1beta3',
  kind: 'Template',
  metadata: { name: 'argocd-app', namespace: 'default' },
  spec: {
    type: 'service',
    parameters: [],
    steps: [
      {
        id: 'argocd',
        name: 'Create the Argo CD application',
        action: 'argocd:create-application',
        input,
      },
    ],
  },
});

/** The action inside the real scaffolder: registration, input validation and dry-run. */
describe('scaffolder module argocd', () => {
  let argocd: FakeArgoCd;
  let server: any;

  beforeAll(async () => {
    argocd = await startFakeArgoCd({ token: TOKEN, applications: [] });
    ({ server } = await startTestBackend({
      features: [
        scaffolderPlugin,
        argocdModule,
        catalogServiceMock.factory(),
        mockServices.rootConfig.factory({
          data: {
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
  }, 60_000);
  afterAll(() => argocd?.close());

  const dryRun = (input: Record<string, unknown>) =>
    request(server)
      .post('/api/scaffolder/v2/dry-run')
      .set('authorization', mockCredentials.user.header())
      .send({ template: template(input), values: {}, directoryContents: [] });

  it('lists argocd:create-application among the actions', async () => {
    const res = await request(server)
      .get('/api/scaffolder/v2/actions')
      .set('authorization', mockCredentials.user.header());
    const action = res.body.find(
      (a: { id: string }) => a.id === 'argocd:create-application',
    );
    expect(action.schema.input.required).toEqual(
      expect.arrayContaining(['appName', 'projectName', 'repoUrl', 'path']),
    );
  });

  it('refuses hostile input field by field and calls nothing', async () => {
    const res = await dryRun({
      appName: 'Orders_Dev',
      projectName: 'orders',
      repoUrl: 'https://user:secret@github.com/acme/orders.git',
      path: '../../etc',
      namespace: 'orders-dev',
      labels: { 'evil key': 'x' },
    });
    expect(res.status).toBe(400);
    const message: string = res.body.error.message;
    for (const field of ['appName', 'repoUrl', 'path', 'labels']) {
      expect(message).toContain(`instance.${field} does not match pattern`);
    }
    expect(argocd.requests).toEqual([]);
  });

  it('dry-runs valid input without calling Argo CD', async () => {
    const res = await dryRun({
      appName: 'orders-dev',
      projectName: 'orders',
      repoUrl: 'https://github.com/acme/orders.git',
      path: 'k8s/overlays/dev',
      namespace: 'orders-dev',
    });
    expect(res.status).toBe(200);
    expect(res.body.log).toContainEqual({
      body: expect.objectContaining({ stepId: 'argocd', status: 'completed' }),
    });
    expect(JSON.stringify(res.body.log)).toMatch(/would create in main/);
    expect(argocd.requests).toEqual([]);
  });
});
