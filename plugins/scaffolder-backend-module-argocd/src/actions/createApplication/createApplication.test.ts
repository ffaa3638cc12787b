import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createArgoCdService } from '@forja/plugin-argocd-node';
import { FakeArgoCd, startFakeArgoCd } from '@forja/test-servers';
import { createArgoCdApplicationAction } from './createApplication';

const TOKEN = 'argocd-token-for-action-tests';

const input = {
  instance: 'main',
  appName: 'orders-dev',
  projectName: 'orders',
  repoUrl: 'https://github.com/acme/orders.git',
  path: 'k8s/overlays/dev',
  namespace: 'orders-dev',
  labels: {
    'backstage.io/kubernetes-id': 'orders',
    'forja.dev/environment': 'dev',
  },
};

describe('argocd:create-application', () => {
  let argocd: FakeArgoCd;
  let decision: AuthorizeResult;
  let logs: string[];

  beforeEach(async () => {
    argocd = await startFakeArgoCd({ token: TOKEN, applications: [] });
    decision = AuthorizeResult.ALLOW;
    logs = [];
  });
  afterEach(() => argocd.close());

  const action = () =>
    createArgoCdApplicationAction({
      argocd: createArgoCdService({
        config: mockServices.rootConfig({
          data: {
            argocd: {
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [
                    {
                      name: 'main',
                      url: argocd.url,
                      token: TOKEN,
                      frontendUrl: 'https://argocd.acme.example',
                    },
                  ],
                },
              ],
            },
          },
        }),
        logger: mockServices.logger.mock(),
        cache: mockServices.cache.mock(),
      }),
      permissions: mockServices.permissions.mock({
        authorize: async () => [{ result: decision }] as never,
      }),
    });

  const run = async (values: Record<string, unknown>, isDryRun = false) => {
    const logger = mockServices.logger.mock();
    // createMockActionContext ignores isDryRun and getInitiatorCredentials.
    const ctx = {
      ...createMockActionContext({ input: values as never, logger }),
      isDryRun,
      getInitiatorCredentials: async () =>
        mockCredentials.user('user:default/ana'),
    };
    try {
      await action().handler(ctx as never);
    } finally {
      logs.push(...logger.info.mock.calls.map(([message]) => message));
    }
    return Object.fromEntries(
      (ctx.output as jest.Mock).mock.calls.map(([k, v]) => [k, v]),
    );
  };

  it('creates the project and the application through the API', async () => {
    const outputs = await run(input);
    expect(argocd.writes).toEqual([
      'POST /api/v1/projects orders',
      'POST /api/v1/applications orders-dev',
    ]);
    expect(argocd.projects[0].spec).toEqual({
      description: expect.stringMatching(/^Created by Forja/),
      sourceRepos: ['https://github.com/acme/orders.git'],
      destinations: [
        { server: 'https://kubernetes.default.svc', namespace: 'orders-dev' },
      ],
      clusterResourceWhitelist: [],
    });
    expect(argocd.applications[0]).toMatchObject({
      name: 'orders-dev',
      project: 'orders',
      labels: input.labels,
      source: {
        repoURL: input.repoUrl,
        path: input.path,
        targetRevision: 'HEAD',
      },
    });
    expect(outputs).toEqual({
      instance: 'main',
      applicationName: 'orders-dev',
      projectName: 'orders',
      url: 'https://argocd.acme.example/applications/argocd/orders-dev',
      applicationCreated: true,
      projectCreated: true,
    });
  });

  it('changes nothing when run again with the same input', async () => {
    await run(input);
    argocd.writes.length = 0;
    const outputs = await run(input);
    expect(argocd.writes).toEqual([]);
    expect(outputs).toMatchObject({
      applicationCreated: false,
      projectCreated: false,
    });
    expect(logs.join('\n')).toMatch(/already exists in main as requested/);
  });

  it('uses an existing project and creates only the application', async () => {
    await run(input);
    argocd.writes.length = 0;
    const outputs = await run({
      ...input,
      appName: 'orders-staging',
      path: 'k8s/overlays/dev',
    });
    expect(argocd.writes).toEqual(['POST /api/v1/applications orders-staging']);
    expect(outputs).toMatchObject({
      applicationCreated: true,
      projectCreated: false,
    });
  });

  it('refuses to overwrite an application with another source, writing nothing', async () => {
    await run(input);
    argocd.writes.length = 0;
    await expect(run({ ...input, path: 'k8s/overlays/prod' })).rejects.toThrow(
      /appName: application orders-dev already exists in main with another project, source or destination/,
    );
    expect(argocd.writes).toEqual([]);
  });

  it('annotates the application with the entity it belongs to, so Forja may sync it', async () => {
    await run({ ...input, entityRef: 'component:default/orders' });
    expect(argocd.applications[0].annotations).toEqual({
      'forja.dev/entity-ref': 'component:default/orders',
    });
  });

  it('refuses an existing application that points at another entity, writing nothing', async () => {
    // Same project, source and destination, but another team's: its label says payments.
    argocd.applications.push({
      name: 'orders-dev',
      project: 'orders',
      labels: { 'backstage.io/kubernetes-id': 'payments' },
      annotations: { 'forja.dev/entity-ref': 'component:default/payments' },
      sync: 'Synced',
      health: 'Healthy',
      revision: 'a1b2c3d',
      source: {
        repoURL: input.repoUrl,
        path: input.path,
        targetRevision: 'HEAD',
      },
      destination: {
        server: 'https://kubernetes.default.svc',
        namespace: input.namespace,
      },
    });
    for (const values of [
      input,
      { ...input, entityRef: 'component:default/orders' },
    ]) {
      await expect(run(values)).rejects.toThrow(
        /^appName: application orders-dev already exists in main and points at another entity \(backstage\.io\/kubernetes-id payments, forja\.dev\/entity-ref component:default\/payments\)/,
      );
    }
    expect(argocd.writes).toEqual([]);
  });

  it('refuses an entity ref that is not one', async () => {
    await expect(
      run({ ...input, entityRef: 'component:default/../payments' }),
    ).rejects.toThrow(/^entityRef: /);
    expect(argocd.requests).toEqual([]);
  });

  it("reports Argo CD's reason when the project does not permit the repository", async () => {
    await run(input);
    argocd.writes.length = 0;
    await expect(
      run({
        ...input,
        appName: 'payments-dev',
        repoUrl: 'https://github.com/acme/payments.git',
      }),
    ).rejects.toThrow(
      "main refused the request: application repo https://github.com/acme/payments.git is not permitted in project 'orders'",
    );
    expect(argocd.writes).toEqual([]);
  });

  it('dry run shows both manifests and sends nothing to Argo CD', async () => {
    const outputs = await run(input, true);
    expect(argocd.requests).toEqual([]);
    const log = logs.join('\n');
    expect(log).toMatch(/kind: AppProject/);
    expect(log).toMatch(/kind: Application\n/);
    expect(log).toMatch(/path: k8s\/overlays\/dev/);
    expect(log).not.toContain(TOKEN);
    expect(outputs.applicationCreated).toBe(false);
  });

  it('needs argocd.application.create: without it, 403 and no request', async () => {
    decision = AuthorizeResult.DENY;
    await expect(run(input)).rejects.toMatchObject({
      name: 'NotAllowedError',
    });
    expect(argocd.requests).toEqual([]);
  });

  it('names the instance field when the instance is not configured', async () => {
    await expect(run({ ...input, instance: 'elsewhere' })).rejects.toThrow(
      'instance: "elsewhere" is not a configured Argo CD instance (configured: main)',
    );
    expect(argocd.requests).toEqual([]);
  });
});
