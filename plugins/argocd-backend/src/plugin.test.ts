import {
  coreServices,
  createBackendPlugin,
} from '@backstage/backend-plugin-api';
import {
  mockCredentials,
  mockServices,
  startTestBackend,
} from '@backstage/backend-test-utils';
import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { AuthorizeResult } from '@backstage/plugin-permission-common';
import {
  FakeArgoApplication,
  FakeArgoCd,
  startFakeArgoCd,
} from '@forja/test-servers';
import express from 'express';
import request from 'supertest';
import argocdPlugin from './index';

const TOKEN = 'argocd-api-token-for-tests';
/** Users every permission is denied to. */
const DENIED_USERS = ['user:default/denied'];
const PASSWORD = 'argocd-password-for-tests';

const app = (
  name: string,
  env: string,
  overrides: Partial<FakeArgoApplication> = {},
): FakeArgoApplication => ({
  name,
  project: 'video-system',
  labels: {
    'backstage.io/kubernetes-id': 'ms-auth',
    'forja.dev/environment': env,
  },
  sync: 'Synced',
  health: 'Healthy',
  revision: 'a1b2c3d4e5f6',
  ...overrides,
});

const entity = (
  name: string,
  annotations: Record<string, string>,
  owner = 'team-video',
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', annotations },
  spec: { type: 'service', lifecycle: 'production', owner },
});

type AuditEvent = {
  eventId: string;
  outcome?: string;
  meta?: unknown;
  error?: string;
};

describe('Argo CD backend', () => {
  let main: FakeArgoCd;
  let prod: FakeArgoCd;
  let server: any;
  let decisions: Record<string, AuthorizeResult>;
  let auditEvents: AuditEvent[];

  beforeEach(async () => {
    main = await startFakeArgoCd({
      token: TOKEN,
      applications: [
        app('ms-auth-dev', 'dev'),
        app('ms-auth-staging', 'staging', { sync: 'OutOfSync', outOfSync: 2 }),
        app('orders-dev', 'dev', {
          labels: { 'backstage.io/kubernetes-id': 'orders' },
          annotations: { 'forja.dev/entity-ref': 'component:default/by-name' },
        }),
        // Another team's application, which the payments entity names.
        app('payments-prod', 'prod', {
          project: 'payments',
          labels: {
            'backstage.io/kubernetes-id': 'payments',
            'forja.dev/environment': 'prod',
          },
          sync: 'OutOfSync',
        }),
      ],
    });
    prod = await startFakeArgoCd({
      accounts: { backstage: PASSWORD },
      applications: [
        app('ms-auth-prod', 'prod', {
          health: 'Degraded',
          operationError: 'one or more objects failed to apply',
        }),
      ],
    });
    decisions = {
      'argocd.application.read': AuthorizeResult.ALLOW,
      'argocd.application.sync': AuthorizeResult.ALLOW,
    };
    const permissions = mockServices.permissions.mock({
      authorize: async (requests, options) =>
        requests.map(r => ({
          result: DENIED_USERS.includes(
            (options?.credentials.principal as { userEntityRef?: string })
              ?.userEntityRef ?? '',
          )
            ? AuthorizeResult.DENY
            : decisions[
                (r as { permission: { name: string } }).permission.name
              ],
        })) as never,
    });
    auditEvents = [];
    const auditor = mockServices.auditor.mock({
      createEvent: async ({ eventId }) => {
        const event: AuditEvent = { eventId };
        auditEvents.push(event);
        return {
          success: async (options?: { meta?: unknown }) => {
            Object.assign(event, { outcome: 'success', meta: options?.meta });
          },
          fail: async (options: { meta?: unknown; error: Error }) => {
            Object.assign(event, {
              outcome: 'fail',
              meta: options.meta,
              error: options.error.message,
            });
          },
        } as never;
      },
    });
    ({ server } = await startTestBackend({
      features: [
        argocdPlugin,
        // The real actions registry, with its HTTP API, instead of the test backend's mock.
        actionsRegistryServiceFactory,
        auditor.factory,
        permissions.factory,
        mockServices.httpAuth.factory({
          defaultCredentials: mockCredentials.none(),
        }),
        catalogServiceMock.factory({
          entities: [
            entity('ms-auth', {
              'backstage.io/kubernetes-id': 'ms-auth',
              'argocd/app-selector': 'backstage.io/kubernetes-id=ms-auth',
              'argocd/instance-name': 'main,prod',
            }),
            entity('by-name', {
              'argocd/app-name': 'orders-dev',
              'argocd/instance-name': 'main',
            }),
            entity('hostile', {
              'argocd/app-name': '../../api/v1/session?x=@evil.example',
            }),
            entity(
              'payments',
              {
                'backstage.io/kubernetes-id': 'payments',
                'argocd/app-name': 'payments-prod',
                'argocd/instance-name': 'main',
              },
              'team-payments',
            ),
            // Self-owned entities (so an owner-based policy lets mallory write) naming
            // another team's application: by name, and with a copy of its kubernetes id.
            entity(
              'mallory-app',
              {
                'argocd/app-name': 'payments-prod',
                'argocd/instance-name': 'main',
              },
              'user:default/mallory',
            ),
            entity(
              'mallory-copy',
              {
                'backstage.io/kubernetes-id': 'payments',
                'argocd/app-name': 'payments-prod',
                'argocd/instance-name': 'main',
              },
              'user:default/mallory',
            ),
          ],
        }),
        mockServices.rootConfig.factory({
          data: {
            argocd: {
              requestTimeout: '3s',
              appLocatorMethods: [
                {
                  type: 'config',
                  instances: [
                    { name: 'main', url: main.url, token: TOKEN },
                    {
                      name: 'prod',
                      url: prod.url,
                      username: 'backstage',
                      password: PASSWORD,
                      frontendUrl: 'https://argocd.example.com',
                    },
                  ],
                },
              ],
            },
          },
        }),
      ],
    }));
  });
  afterEach(async () => {
    await Promise.all([main.close(), prod.close()]);
  });

  const get = (path: string) =>
    request(server)
      .get(`/api/forja-argocd${path}`)
      .set('authorization', mockCredentials.user.header());
  const post = (path: string) =>
    request(server)
      .post(`/api/forja-argocd${path}`)
      .set('authorization', mockCredentials.user.header());

  it("lists the entity's applications across instances with sync, health, revision and author", async () => {
    const res = await get('/entities/component/default/ms-auth/applications');
    expect(res.status).toBe(200);
    expect(res.body.instances).toEqual([
      { name: 'main', status: 'ok' },
      { name: 'prod', status: 'ok' },
    ]);
    expect(
      res.body.applications.map((a: any) => [
        a.instance,
        a.name,
        a.environment,
        a.syncStatus,
        a.healthStatus,
        a.outOfSyncResources,
      ]),
    ).toEqual([
      ['main', 'ms-auth-dev', 'dev', 'Synced', 'Healthy', 0],
      ['main', 'ms-auth-staging', 'staging', 'OutOfSync', 'Healthy', 2],
      ['prod', 'ms-auth-prod', 'prod', 'Synced', 'Degraded', 0],
    ]);
    const prodApp = res.body.applications[2];
    expect(prodApp.operationError).toBe('one or more objects failed to apply');
    expect(prodApp.url).toBe(
      'https://argocd.example.com/applications/argocd/ms-auth-prod',
    );
    expect(prodApp.revisionMetadata).toMatchObject({
      author: 'Ana Souza <ana.souza@example.com>',
      message: 'deploy: a1b2c3d to prod',
    });
    // The list asks for the selector and only the fields the card needs.
    expect(main.requests[0]).toMatch(
      /^GET \/api\/v1\/applications\?selector=backstage\.io%2Fkubernetes-id%3Dms-auth&fields=items\.metadata\.name/,
    );
  });

  it('serves repeats from the cache and logs in to a password instance once', async () => {
    await get('/entities/component/default/ms-auth/applications');
    const upstream = main.requests.length + prod.requests.length;
    await Promise.all(
      Array.from({ length: 20 }, () =>
        get('/entities/component/default/ms-auth/applications'),
      ),
    );
    expect(main.requests.length + prod.requests.length).toBe(upstream);
    expect(prod.logins).toBe(1);
  });

  it('keeps the other instance when one is down, timing out, resetting or returning garbage', async () => {
    for (const fault of ['500', 'stall', 'reset', 'malformed'] as const) {
      prod.fault = fault;
      const res = await get('/entities/component/default/ms-auth/applications');
      expect(res.status).toBe(200);
      expect(res.body.applications.map((a: any) => a.name)).toEqual([
        'ms-auth-dev',
        'ms-auth-staging',
      ]);
      expect(res.body.instances[1]).toMatchObject({
        name: 'prod',
        status: 'unavailable',
      });
      expect(res.body.instances[1].message).toMatch(
        /^prod is unavailable|returned malformed JSON/,
      );
      prod.fault = 'none';
    }
  }, 30_000);

  it('says "credentials rejected by <instance>" and never retries a refused login in a loop', async () => {
    prod.fault = '401';
    for (let i = 0; i < 5; i++) {
      const res = await get('/entities/component/default/ms-auth/applications');
      expect(res.status).toBe(200);
      expect(res.body.instances[1]).toMatchObject({
        name: 'prod',
        status: 'credentials-rejected',
      });
      expect(res.body.instances[1].message).toMatch(
        /^credentials rejected by prod/,
      );
      expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
    }
    expect(prod.logins).toBe(1);
  });

  it('refuses annotations that try to pick a host or path, calling nothing', async () => {
    const res = await get('/entities/component/default/hostile/applications');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /annotation argocd\/app-name has a value Forja does not send/,
    );
    expect([...main.requests, ...prod.requests]).toEqual([]);
  });

  it('syncs an application of the entity with the sync permission, and audits it', async () => {
    const res = await post(
      '/entities/component/default/ms-auth/applications/main/ms-auth-staging/sync',
    );
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: 'ms-auth-staging',
      syncStatus: 'Synced',
    });
    expect(main.syncs).toEqual(['ms-auth-staging']);
    expect(auditEvents).toEqual([
      {
        eventId: 'application-sync',
        outcome: 'success',
        meta: {
          entityRef: 'component:default/ms-auth',
          instance: 'main',
          application: 'ms-auth-staging',
        },
      },
    ]);
  });

  it('answers a sync to an instance that is down with 503 ServiceUnavailableError naming it', async () => {
    prod.fault = '500';
    const res = await post(
      '/entities/component/default/ms-auth/applications/prod/ms-auth-prod/sync',
    );
    expect(res.status).toBe(503);
    expect(res.body.error).toMatchObject({
      name: 'ServiceUnavailableError',
      message: expect.stringMatching(/^prod is unavailable/),
    });
    expect(prod.syncs).toEqual([]);
  });

  describe('actions for agents (the actions registry API)', () => {
    const invoke = (action: string, input: object, user?: string) =>
      request(server)
        .post(
          `/api/forja-argocd/.backstage/actions/v1/actions/forja-argocd:${action}/invoke`,
        )
        .set('authorization', mockCredentials.user.header(user))
        .send(input);

    it('lists both actions with their schemas', async () => {
      const res = await request(server)
        .get('/api/forja-argocd/.backstage/actions/v1/actions')
        .set('authorization', mockCredentials.user.header());
      expect(res.status).toBe(200);
      expect(
        res.body.actions.map((a: any) => [a.id, a.attributes.readOnly]),
      ).toEqual([
        ['forja-argocd:get-entity-applications', true],
        ['forja-argocd:sync-application', false],
        ['forja-argocd:terminate-application', false],
      ]);
    });

    it("reads an entity's applications for an allowed user, and nothing for a denied one", async () => {
      const allowed = await invoke('get-entity-applications', {
        entityRef: 'component:default/ms-auth',
      });
      expect(allowed.status).toBe(200);
      expect(
        allowed.body.output.applications.map((a: any) => [
          a.name,
          a.syncStatus,
        ]),
      ).toEqual([
        ['ms-auth-dev', 'Synced'],
        ['ms-auth-staging', 'OutOfSync'],
        ['ms-auth-prod', 'Synced'],
      ]);
      const before = main.requests.length;
      const denied = await invoke(
        'get-entity-applications',
        { entityRef: 'component:default/ms-auth' },
        'user:default/denied',
      );
      expect(denied.status).toBe(403);
      expect(denied.body.error.name).toBe('NotAllowedError');
      expect(main.requests.length).toBe(before);
    });

    it('syncs for an allowed user, audited with the caller; a denied user reaches nothing', async () => {
      const denied = await invoke(
        'sync-application',
        {
          entityRef: 'component:default/ms-auth',
          instance: 'main',
          application: 'ms-auth-staging',
        },
        'user:default/denied',
      );
      expect(denied.status).toBe(403);
      expect(main.syncs).toEqual([]);
      const allowed = await invoke('sync-application', {
        entityRef: 'component:default/ms-auth',
        instance: 'main',
        application: 'ms-auth-staging',
      });
      expect(allowed.status).toBe(200);
      expect(allowed.body.output.application).toMatchObject({
        name: 'ms-auth-staging',
        syncStatus: 'Synced',
      });
      expect(main.syncs).toEqual(['ms-auth-staging']);
      expect(auditEvents.at(-1)).toEqual({
        eventId: 'application-sync',
        outcome: 'success',
        meta: {
          via: 'action',
          principal: 'user:default/mock',
          entityRef: 'component:default/ms-auth',
          instance: 'main',
          application: 'ms-auth-staging',
        },
      });
    });

    it('refuses an entity ref without kind and namespace, field by field, calling nothing', async () => {
      const res = await invoke('get-entity-applications', {
        entityRef: 'ms-auth',
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^entityRef: /);
      expect(main.requests).toEqual([]);
    });

    it("will not sync another team's application the entity names", async () => {
      const res = await invoke(
        'sync-application',
        {
          entityRef: 'component:default/mallory-app',
          instance: 'main',
          application: 'payments-prod',
        },
        'user:default/mallory',
      );
      expect(res.status).toBe(403);
      expect(main.syncs).toEqual([]);
    });
  });

  it('answers other backends in bulk, for service principals only, and forgets the list after a sync', async () => {
    const bulk = (header: string) =>
      request(server)
        .post('/api/forja-argocd/entities/applications')
        .set('authorization', header)
        .send({
          entityRefs: [
            'component:default/ms-auth',
            'component:default/by-name',
            'component:default/hostile',
          ],
        });
    expect((await bulk(mockCredentials.user.header())).status).toBe(403);
    const before = await bulk(mockCredentials.service.header());
    expect(before.status).toBe(200);
    const [auth, byName, hostile] = before.body.entities;
    const staging = (answer: any) =>
      answer.applications.applications.find(
        (a: any) => a.name === 'ms-auth-staging',
      );
    expect(staging(auth).syncStatus).toBe('OutOfSync');
    expect(byName.applications.applications.map((a: any) => a.name)).toEqual([
      'orders-dev',
    ]);
    expect(hostile.error).toMatch(/annotation argocd\/app-name/);

    await post(
      '/entities/component/default/ms-auth/applications/main/ms-auth-staging/sync',
    );
    const after = await bulk(mockCredentials.service.header());
    expect(staging(after.body.entities[0]).syncStatus).toBe('Synced');
  });

  it('answers 403 without the sync permission and sends nothing upstream', async () => {
    decisions['argocd.application.sync'] = AuthorizeResult.DENY;
    const res = await post(
      '/entities/component/default/ms-auth/applications/main/ms-auth-staging/sync',
    );
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(main.syncs).toEqual([]);
    expect(main.requests).toEqual([]);
    expect(auditEvents).toEqual([
      expect.objectContaining({ eventId: 'application-sync', outcome: 'fail' }),
    ]);
  });

  it("will not sync an application that is not the entity's", async () => {
    const res = await post(
      '/entities/component/default/ms-auth/applications/main/orders-dev/sync',
    );
    expect(res.status).toBe(404);
    expect(main.syncs).toEqual([]);
  });

  describe('writes only to an application that points back at the entity', () => {
    const asMallory = (path: string) =>
      request(server)
        .post(`/api/forja-argocd${path}`)
        .set(
          'authorization',
          mockCredentials.user.header('user:default/mallory'),
        );
    const writesSent = () =>
      main.requests.filter(r =>
        / \/api\/v1\/applications\/[^?]+\/sync|refresh=/.test(r),
      );

    it.each(['mallory-app', 'mallory-copy'])(
      "refuses %s's sync and refresh of another team's application: 403, nothing sent, audited",
      async name => {
        for (const operation of ['sync', 'refresh']) {
          const res = await asMallory(
            `/entities/component/default/${name}/applications/main/payments-prod/${operation}`,
          );
          expect(res.status).toBe(403);
          expect(res.body.error.name).toBe('NotAllowedError');
          expect(res.body.error.message).toMatch(
            /payments-prod does not point back at component:default\/mallory-/,
          );
        }
        expect(main.syncs).toEqual([]);
        expect(writesSent()).toEqual([]);
        expect(auditEvents).toEqual(
          ['sync', 'refresh'].map(operation =>
            expect.objectContaining({
              eventId: `application-${operation}`,
              outcome: 'fail',
              meta: {
                params: expect.objectContaining({
                  name,
                  app: 'payments-prod',
                }),
              },
              error: expect.stringMatching(/does not point back/),
            }),
          ),
        );
      },
    );

    it('refuses a kubernetes id two entities claim, naming them, and never syncs', async () => {
      // payments' own label is ambiguous while mallory-copy claims the same id.
      const res = await post(
        '/entities/component/default/payments/applications/main/payments-prod/sync',
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(
        /backstage\.io\/kubernetes-id "payments" is claimed by component:default\/mallory-copy, component:default\/payments/,
      );
      expect(res.body.error.message).toMatch(/forja\.dev\/entity-ref/);
      expect(main.syncs).toEqual([]);
    });

    it('syncs an application annotated forja.dev/entity-ref with the entity', async () => {
      const res = await post(
        '/entities/component/default/by-name/applications/main/orders-dev/refresh',
      );
      expect(res.status).toBe(200);
      const sync = await post(
        '/entities/component/default/by-name/applications/main/orders-dev/sync',
      );
      expect(sync.status).toBe(200);
      expect(main.syncs).toEqual(['orders-dev']);
      expect(auditEvents.map(e => e.outcome)).toEqual(['success', 'success']);
    });
  });

  describe('what differs from Git, per managed resource', () => {
    const diffPath = (entityName: string, appName: string) =>
      `/entities/component/default/${entityName}/applications/main/${appName}/diff`;
    const managedReads = () =>
      main.requests.filter(r => r.includes('/managed-resources'));

    it("refuses an application that is not the entity's: 404, managed-resources never asked", async () => {
      const res = await get(diffPath('ms-auth', 'orders-dev'));
      expect(res.status).toBe(404);
      expect(managedReads()).toEqual([]);
    });

    it('needs the read permission: 403, nothing asked', async () => {
      decisions['argocd.application.read'] = AuthorizeResult.DENY;
      const res = await get(diffPath('ms-auth', 'ms-auth-staging'));
      expect(res.status).toBe(403);
      expect(main.requests).toEqual([]);
    });

    it('refuses an application name that is a path, asking nothing', async () => {
      const res = await get(diffPath('ms-auth', '..%2F..%2Fsession'));
      expect(res.status).toBe(400);
      expect(main.requests).toEqual([]);
    });

    it('shows the out-of-sync Deployments as YAML line diffs, live against desired', async () => {
      const res = await get(diffPath('ms-auth', 'ms-auth-staging'));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        application: 'ms-auth-staging',
        unchanged: 1,
        omitted: 0,
      });
      expect(res.body.resources.map((r: any) => r.name)).toEqual([
        'ms-auth-staging-0',
        'ms-auth-staging-1',
      ]);
      const changed = (res.body.resources[0].diff as string)
        .split('\n')
        .filter(l => /^[-+]/.test(l));
      expect(changed).toEqual([
        '-  replicas: 1',
        '+  replicas: 2',
        '-        - image: ghcr.io/forja-demo/ms-auth:0a1b2c3',
        '+        - image: ghcr.io/forja-demo/ms-auth:a1b2c3d',
      ]);
      expect(res.body.resources[0].diff).not.toMatch(/managedFields|uid:/);
    });

    it("shows which of a Secret's keys differ and never a value", async () => {
      const secret = (password: string) => ({
        apiVersion: 'v1',
        kind: 'Secret',
        metadata: { name: 'ms-auth-db', namespace: 'staging' },
        data: { password, user: 'YXV0aA==' },
      });
      main.applications.find(
        a => a.name === 'ms-auth-staging',
      )!.managedResources = [
        {
          group: '',
          kind: 'Secret',
          namespace: 'staging',
          name: 'ms-auth-db',
          live: secret('aHVudGVyMg=='),
          target: secret('Y29ycmVjdC1ob3JzZQ=='),
        },
      ];
      const res = await get(diffPath('ms-auth', 'ms-auth-staging'));
      expect(res.status).toBe(200);
      const text = JSON.stringify(res.body);
      for (const value of ['aHVudGVyMg==', 'Y29ycmVjdC1ob3JzZQ==', 'YXV0aA=='])
        expect(text).not.toContain(value);
      expect(res.body.resources[0].diff).toContain(
        '-  password: (hidden, live value)',
      );
    });
  });

  describe('terminating a running operation', () => {
    const running = (name: string) => {
      main.applications.find(a => a.name === name)!.operation = {
        phase: 'Running',
        message: 'waiting for healthy state of apps/Deployment/ms-auth',
        startedAt: '2026-11-23T10:00:00Z',
      };
    };
    const terminate = (entityName: string, appName: string, user?: string) =>
      request(server)
        .post(
          `/api/forja-argocd/entities/component/default/${entityName}/applications/main/${appName}/terminate`,
        )
        .set('authorization', mockCredentials.user.header(user));

    it('needs the sync permission: 403, nothing sent, audited', async () => {
      running('ms-auth-staging');
      decisions['argocd.application.sync'] = AuthorizeResult.DENY;
      const res = await terminate('ms-auth', 'ms-auth-staging');
      expect(res.status).toBe(403);
      expect(main.requests).toEqual([]);
      expect(main.terminations).toEqual([]);
      expect(auditEvents).toEqual([
        expect.objectContaining({
          eventId: 'application-terminate',
          outcome: 'fail',
        }),
      ]);
    });

    it("refuses to terminate another team's application the entity names", async () => {
      running('payments-prod');
      const res = await terminate(
        'mallory-app',
        'payments-prod',
        'user:default/mallory',
      );
      expect(res.status).toBe(403);
      expect(res.body.error.message).toMatch(/does not point back/);
      expect(main.terminations).toEqual([]);
      expect(main.requests.filter(r => r.startsWith('DELETE '))).toEqual([]);
    });

    it('terminates the running sync: Terminating, then Failed "Operation terminated", audited', async () => {
      running('ms-auth-staging');
      const res = await terminate('ms-auth', 'ms-auth-staging');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        name: 'ms-auth-staging',
        operationPhase: 'Terminating',
      });
      expect(main.terminations).toEqual(['ms-auth-staging']);
      expect(auditEvents).toEqual([
        {
          eventId: 'application-terminate',
          outcome: 'success',
          meta: {
            entityRef: 'component:default/ms-auth',
            instance: 'main',
            application: 'ms-auth-staging',
          },
        },
      ]);
      await new Promise(resolve => setTimeout(resolve, 500));
      const detail = await get(
        '/entities/component/default/ms-auth/applications/main/ms-auth-staging',
      );
      expect(detail.body.application).toMatchObject({
        operationPhase: 'Failed',
        operationError: 'Operation terminated',
      });
    });

    it("passes on Argo CD's refusal when no operation runs: 409", async () => {
      const res = await terminate('ms-auth', 'ms-auth-dev');
      expect(res.status).toBe(409);
      expect(res.body.error.message).toBe(
        'main refused the request: Unable to terminate operation. No operation is in progress',
      );
    });
  });

  it('answers 403 without the read permission', async () => {
    decisions['argocd.application.read'] = AuthorizeResult.DENY;
    const res = await get('/entities/component/default/ms-auth/applications');
    expect(res.status).toBe(403);
    expect(main.requests).toEqual([]);
  });

  it('answers 401 without credentials', async () => {
    const res = await request(server).get(
      '/api/forja-argocd/entities/component/default/ms-auth/applications',
    );
    expect(res.status).toBe(401);
  });

  it('shows detail with the resource tree and history whose revisions are fetched for the rows shown', async () => {
    const res = await get(
      '/entities/component/default/ms-auth/applications/main/ms-auth-dev?limit=5',
    );
    expect(res.status).toBe(200);
    expect(res.body.application.name).toBe('ms-auth-dev');
    expect(res.body.resources).toHaveLength(3);
    expect(res.body.history).toEqual([
      expect.objectContaining({
        revision: 'a1b2c3d4e5f6',
        revisionMetadata: expect.objectContaining({
          author: 'Ana Souza <ana.souza@example.com>',
        }),
      }),
    ]);
  });
  it("gives each object of the resource tree its sync status from the application's resources", async () => {
    const res = await get(
      '/entities/component/default/ms-auth/applications/main/ms-auth-staging',
    );
    expect(res.status).toBe(200);
    expect(res.body.resources).toEqual([
      expect.objectContaining({
        name: 'ms-auth-staging-0',
        status: 'OutOfSync',
      }),
      expect.objectContaining({
        name: 'ms-auth-staging-1',
        status: 'OutOfSync',
      }),
      expect.objectContaining({ name: 'ms-auth-staging-2', status: 'Synced' }),
    ]);
  });
});

describe('Argo CD backend rate limit', () => {
  const otherPlugin = createBackendPlugin({
    pluginId: 'other',
    register(env) {
      env.registerInit({
        deps: { httpRouter: coreServices.httpRouter },
        async init({ httpRouter }) {
          httpRouter.use(
            express
              .Router()
              .get('/ping', (_req, res) => res.json({ ok: true })),
          );
        },
      });
    },
  });

  it('answers 429 with a JSON error past the limit, leaving other plugins alone', async () => {
    const argocd = await startFakeArgoCd({ token: TOKEN, applications: [] });
    try {
      const { server } = await startTestBackend({
        features: [
          argocdPlugin,
          otherPlugin,
          catalogServiceMock.factory({
            entities: [entity('ms-auth', { 'argocd/app-name': 'ms-auth-dev' })],
          }),
          mockServices.rootConfig.factory({
            data: {
              backend: {
                rateLimit: {
                  global: false,
                  plugin: {
                    'forja-argocd': {
                      window: { minutes: 1 },
                      incomingRequestLimit: 3,
                      ipAllowList: [],
                    },
                  },
                },
              },
              argocd: {
                appLocatorMethods: [
                  {
                    type: 'config',
                    instances: [
                      { name: 'main', url: argocd.url, token: TOKEN },
                    ],
                  },
                ],
              },
            },
          }),
        ],
      });
      const responses = [];
      for (let i = 0; i < 5; i++) {
        responses.push(
          await request(server)
            .get(
              '/api/forja-argocd/entities/component/default/ms-auth/applications',
            )
            .set('authorization', mockCredentials.user.header()),
        );
      }
      const statuses = responses.map(r => r.status);
      const limited = responses[4];
      expect(limited.headers['content-type']).toMatch(/application\/json/);
      expect(limited.body.error.message).toMatch(/Too many requests/);
      expect(statuses).toEqual([200, 200, 200, 429, 429]);
      const other = await request(server)
        .get('/api/other/ping')
        .set('authorization', mockCredentials.user.header());
      expect(other.status).toBe(200);
      expect(other.body).toEqual({ ok: true });
    } finally {
      await argocd.close();
    }
  });
});
