import { actionsRegistryServiceFactory } from '@backstage/backend-defaults/alpha';
import { mockCredentials } from '@backstage/backend-test-utils';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import {
  AuditEvent,
  startBackend,
  startUpstreams,
  TOKEN,
  Upstreams,
} from './__testUtils__/checkout';
import { generatedService } from './__testUtils__/generatedService';

jest.setTimeout(120_000);

const DENIED = 'user:default/denied';

describe('overview actions (the actions registry API)', () => {
  let upstreams: Upstreams;
  let github: FakeGitHub;
  let server: any;
  const auditEvents: AuditEvent[] = [];
  let initial: string;

  beforeAll(async () => {
    upstreams = await startUpstreams();
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/ms-auth'],
    });
    const { entity: msAuth, dir } = await generatedService(github, TOKEN);
    initial = (
      await promisify(execFile)('git', ['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    server = await startBackend(upstreams, {
      entities: [msAuth],
      auditEvents,
      deniedUsers: [DENIED],
      // The real actions registry, with its HTTP API, instead of the test backend's mock.
      features: [actionsRegistryServiceFactory],
      config: {
        integrations: {
          github: [
            { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
          ],
        },
      },
    });
  });
  afterAll(async () => {
    await Promise.all(
      [...Object.values(upstreams), github].map(u => u.close()),
    );
  });
  beforeEach(() => {
    github.requests.length = 0;
    auditEvents.length = 0;
  });

  const invoke = (action: string, input: object, user?: string) =>
    request(server)
      .post(
        `/api/overview/.backstage/actions/v1/actions/overview:${action}/invoke`,
      )
      .set('authorization', mockCredentials.user.header(user))
      .send(input);

  it('lists the read and the write action', async () => {
    const res = await request(server)
      .get('/api/overview/.backstage/actions/v1/actions')
      .set('authorization', mockCredentials.user.header());
    expect(res.status).toBe(200);
    expect(
      res.body.actions.map((a: any) => [a.id, a.attributes.readOnly]),
    ).toEqual([
      ['overview:get-overview', true],
      ['overview:promote-environment', false],
      ['overview:rollback-environment', false],
      ['overview:upgrade-template', false],
    ]);
  });

  it("gives a system's overview as the route builds it, trouble first", async () => {
    const [action, route] = await Promise.all([
      invoke('get-overview', { scope: 'system:default/checkout' }),
      request(server)
        .get('/api/overview/entities/system/default/checkout')
        .set('authorization', mockCredentials.user.header()),
    ]);
    expect(action.status).toBe(200);
    const { output } = action.body;
    expect(output.sources.map((s: any) => [s.source, s.state])).toEqual(
      route.body.sources.map((s: any) => [s.source, s.state]),
    );
    expect(output.rows.map((r: any) => r.entityRef)).toEqual(
      route.body.rows.map((r: any) => r.entityRef),
    );
    const cart = output.rows.find(
      (r: any) => r.entityRef === 'component:default/cart',
    );
    expect(cart.states).toContain('degraded');
    expect(
      cart.cells.find((c: any) => c.environment === 'staging').applications,
    ).toEqual([
      expect.objectContaining({
        name: 'cart-staging',
        healthStatus: 'Degraded',
      }),
    ]);
  });

  it('filters and limits like the route, and refuses a component as a scope', async () => {
    const degraded = await invoke('get-overview', {
      scope: 'system:default/checkout',
      state: 'degraded',
      limit: 1,
    });
    expect(degraded.body.output.rows).toHaveLength(1);
    expect(degraded.body.output.rows[0].states).toContain('degraded');
    const component = await invoke('get-overview', {
      scope: 'component:default/cart',
    });
    expect(component.status).toBe(400);
    expect(component.body.error.message).toBe(
      'scope: an overview is of a System or a Group, not a Component',
    );
    const owner = await invoke('get-overview', { owner: 'team-checkout' });
    expect(owner.status).toBe(400);
    expect(owner.body.error.message).toMatch(/^owner: /);
  });

  it('shows a denied user no system and no row', async () => {
    const system = await invoke(
      'get-overview',
      { scope: 'system:default/checkout' },
      DENIED,
    );
    expect(system.status).toBe(403);
    const portal = await invoke('get-overview', {}, DENIED);
    expect(portal.status).toBe(200);
    expect(portal.body.output.rows).toEqual([]);
  });

  it('opens the promotion pull request for an allowed user, audited as an action', async () => {
    const res = await invoke('promote-environment', {
      entityRef: 'component:default/ms-auth',
      environment: 'staging',
    });
    expect(res.status).toBe(200);
    expect(res.body.output).toMatchObject({
      created: true,
      tag: '1.3.0',
      from: 'dev',
      to: 'staging',
    });
    expect(github.pullRequests).toEqual([
      expect.objectContaining({
        repository: 'acme/ms-auth',
        head: 'promote/staging-1.3.0',
      }),
    ]);
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'environment-promote',
        outcome: 'success',
        meta: expect.objectContaining({
          via: 'action',
          principal: 'user:default/mock',
          entityRef: 'component:default/ms-auth',
        }),
      }),
    ]);
  });

  it('refuses a denied user before any call to GitHub, audited', async () => {
    const res = await invoke(
      'promote-environment',
      { entityRef: 'component:default/ms-auth', environment: 'prod' },
      DENIED,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'not allowed to overview.entity.promote on component:default/ms-auth',
    );
    expect(github.requests).toEqual([]);
    expect(auditEvents).toEqual([
      expect.objectContaining({
        outcome: 'fail',
        meta: expect.objectContaining({ via: 'action', principal: DENIED }),
      }),
    ]);
  });

  it('rolls back through the service for an allowed user: prod already runs the tag of that revision', async () => {
    const res = await invoke('rollback-environment', {
      entityRef: 'component:default/ms-auth',
      environment: 'prod',
      revision: initial,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('prod already runs 1.2.0');
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'environment-rollback',
        outcome: 'fail',
        meta: expect.objectContaining({ via: 'action' }),
      }),
    ]);
  });

  it('refuses a rollback by a denied user before any call to GitHub, and a revision that is not a SHA', async () => {
    const denied = await invoke(
      'rollback-environment',
      {
        entityRef: 'component:default/ms-auth',
        environment: 'prod',
        revision: initial,
      },
      DENIED,
    );
    expect(denied.status).toBe(403);
    expect(denied.body.error.message).toBe(
      'not allowed to overview.entity.promote on component:default/ms-auth',
    );
    const path = await invoke('rollback-environment', {
      entityRef: 'component:default/ms-auth',
      environment: 'prod',
      revision: '../../main',
    });
    expect(path.status).toBe(400);
    expect(github.requests).toEqual([]);
  });

  it('upgrade-template: refuses a denied user before any call to GitHub, audited', async () => {
    const res = await invoke(
      'upgrade-template',
      { entityRef: 'component:default/ms-auth' },
      DENIED,
    );
    expect(res.status).toBe(403);
    expect(res.body.error.message).toBe(
      'not allowed to overview.entity.template-upgrade on component:default/ms-auth',
    );
    expect(github.requests).toEqual([]);
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'template-upgrade',
        outcome: 'fail',
        meta: expect.objectContaining({ via: 'action', principal: DENIED }),
      }),
    ]);
  });

  it('upgrade-template: an allowed user gets the reason a repository cannot be upgraded, nothing written', async () => {
    // ms-auth here is generated by the current template and names it in the catalog's absence.
    const res = await invoke('upgrade-template', {
      entityRef: 'component:default/ms-auth',
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      'template:default/forja-service is not in the catalog',
    );
    expect(github.requests.filter(r => !r.startsWith('GET '))).toEqual([]);
  });
});
