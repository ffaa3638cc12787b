import { startFakeGitHub, FakeGitHub } from '@forja/test-servers';
import { EnvironmentsResponse } from '@forja/plugin-overview-common';
import request from 'supertest';
import { parse } from 'yaml';
import {
  startBackend,
  startUpstreams,
  TOKEN,
  Upstreams,
} from './__testUtils__/checkout';
import { generatedService } from './__testUtils__/generatedService';

const ROUTE = '/api/overview/entities/component/default/ms-auth';

// Each test boots the overview and its neighbouring backends: never jest's 5 s default.
jest.setTimeout(120_000);

describe('Environments card and promotion', () => {
  let upstreams: Upstreams;
  let github: FakeGitHub;
  let server: any;
  let entity: Awaited<ReturnType<typeof generatedService>>['entity'];

  beforeEach(async () => {
    upstreams = await startUpstreams();
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization' },
      existingRepositories: ['acme/ms-auth'],
    });
    entity = (await generatedService(github, TOKEN)).entity;
  });
  afterEach(async () => {
    await Promise.all(
      [...Object.values(upstreams), github].map(u => u.close()),
    );
  });

  const start = async (deny: string[] = []) => {
    server = await startBackend(upstreams, {
      entities: [entity],
      deny,
      config: {
        integrations: {
          github: [
            { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
          ],
        },
      },
    });
  };

  it('lines up dev, staging and prod with what differs between them', async () => {
    await start();
    const res = await request(server).get(`${ROUTE}/environments`);
    expect(res.status).toBe(200);
    const body = res.body as EnvironmentsResponse;
    expect(body.environments.map(e => e.environment)).toEqual([
      'dev',
      'staging',
      'prod',
    ]);
    const [dev, staging, prod] = body.environments;
    const image = '123456789012.dkr.ecr.us-east-1.amazonaws.com/ms-auth';
    expect(dev.overlay.value!.images['ms-auth/app']).toBe(`${image}:1.3.0`);
    expect(staging.differences).toEqual(
      expect.arrayContaining([
        {
          kind: 'image',
          key: 'ms-auth/app',
          previous: `${image}:1.3.0`,
          current: `${image}:1.2.0`,
        },
        {
          kind: 'config',
          key: 'ms-auth-config/ENVIRONMENT',
          previous: 'dev',
          current: 'staging',
        },
        expect.objectContaining({ kind: 'replicas', key: 'ms-auth' }),
      ]),
    );
    expect(prod.differences.some(d => d.kind === 'image')).toBe(false);
    expect(dev.promotable).toBe(false);
    expect(staging.promotable).toBe(true);
    expect(prod).toMatchObject({
      promotable: false,
      promoteBlockedReason: 'already runs the image of staging',
    });
  });

  it('opens the pull request moving staging to the image dev runs, once', async () => {
    await start();
    const res = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: 'staging' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      from: 'dev',
      to: 'staging',
      tag: '1.3.0',
      branch: 'promote/staging-1.3.0',
      created: true,
      pullRequestUrl: `${github.url}/acme/ms-auth/pull/1`,
    });
    expect(github.pullRequests).toEqual([
      expect.objectContaining({
        repository: 'acme/ms-auth',
        head: 'promote/staging-1.3.0',
        base: 'main',
        title: 'deploy: promote 1.3.0 from dev to staging',
      }),
    ]);
    const branch = await github.readTree(
      'acme/ms-auth',
      'promote/staging-1.3.0',
    );
    const main = await github.readTree('acme/ms-auth');
    const staging = parse(
      branch.get('k8s/overlays/staging/kustomization.yaml')!,
    );
    expect(staging.images[0].newTag).toBe('1.3.0');
    // One file changed, nothing else.
    const changed = [...main].filter(
      ([file, content]) => branch.get(file) !== content,
    );
    expect(changed.map(([file]) => file)).toEqual([
      'k8s/overlays/staging/kustomization.yaml',
    ]);

    const again = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: 'staging' });
    expect(again.status).toBe(200);
    expect(again.body.created).toBe(false);
    expect(github.pullRequests).toHaveLength(1);
  });

  it('refuses bad input by field, and promotion without the permission', async () => {
    await start();
    const first = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: 'dev' });
    expect(first.status).toBe(400);
    expect(first.body.error.message).toMatch(
      /^environment: dev has no earlier environment/,
    );
    const unknown = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: 'Prod!' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.message).toMatch(/^environment: /);
    const same = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: 'prod' });
    expect(same.status).toBe(409);
    expect(github.pullRequests).toHaveLength(0);

    await start(['overview.entity.promote']);
    const denied = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: 'staging' });
    expect(denied.status).toBe(403);
    const card = await request(server).get(`${ROUTE}/environments`);
    expect(card.body.environments[1]).toMatchObject({
      promotable: false,
      promoteBlockedReason: 'you may not promote this entity',
    });
    expect(github.pullRequests).toHaveLength(0);
  });

  it("a system's Environments card leaves the system's overview as it was", async () => {
    await start();
    const system = '/api/overview/entities/system/default/checkout';
    const card = await request(server).get(`${system}/environments`);
    expect(card.status).toBe(200);
    const overview = await request(server).get(system);
    expect(overview.status).toBe(200);
    const cart = overview.body.rows.find(
      (r: any) => r.entityRef === 'component:default/cart',
    );
    expect(
      cart.cells.find((c: any) => c.environment === 'staging').argocd,
    ).toMatchObject({
      state: 'ok',
      value: {
        applications: [expect.objectContaining({ name: 'cart-staging' })],
      },
    });
  });

  it('hides what the clusters run from a viewer without kubernetes.resources.read', async () => {
    await start(['kubernetes.resources.read']);
    const res = await request(server).get(`${ROUTE}/environments`);
    expect(res.status).toBe(200);
    for (const column of (res.body as EnvironmentsResponse).environments)
      expect(column.kubernetes).toEqual({ state: 'forbidden' });
  });

  it('says on the card why a folder outside the checkout is not read, never a 500', async () => {
    entity.metadata.annotations!['forja.dev/kustomize-dir'] = 'dir:../';
    await start();
    const res = await request(server).get(`${ROUTE}/environments`);
    expect(res.status).toBe(200);
    const columns = (res.body as EnvironmentsResponse).environments;
    expect(columns.map(c => c.environment)).toEqual(['dev', 'staging', 'prod']);
    for (const column of columns) {
      expect(column.overlay).toEqual({
        state: 'failed',
        message: expect.stringMatching(
          /^dir:\.\.\/ resolves to .*, outside the checkout .* the entity's catalog file is in$/,
        ),
      });
    }
  });

  it('takes environment names as names: the card says why, promotion refuses it', async () => {
    entity.metadata.annotations!['forja.dev/environments'] =
      'dev,staging,../../x';
    await start();
    const res = await request(server).get(`${ROUTE}/environments`);
    expect(res.status).toBe(200);
    const [dev, , hostile] = (res.body as EnvironmentsResponse).environments;
    expect(dev.overlay.state).toBe('ok');
    expect(hostile).toMatchObject({
      environment: '../../x',
      overlay: {
        state: 'failed',
        message: expect.stringMatching(
          /^"\.\.\/\.\.\/x" is not an environment name/,
        ),
      },
    });
    const promote = await request(server)
      .post(`${ROUTE}/promote`)
      .send({ environment: '../../x' });
    expect(promote.status).toBe(400);
    expect(promote.body.error.message).toMatch(/^environment: /);
    expect(github.pullRequests).toHaveLength(0);
  });
});
