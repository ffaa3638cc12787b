import { Entity } from '@backstage/catalog-model';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import {
  FakeGitHub,
  LocalServer,
  startFakeGitHub,
  startLocalServer,
} from '@forja/test-servers';
import request from 'supertest';
import {
  AuditEvent,
  startBackend,
  startUpstreams,
  TOKEN,
  Upstreams,
} from './__testUtils__/checkout';
import { generatedService } from './__testUtils__/generatedService';
import { createPromoter } from './promote';

jest.setTimeout(120_000);

/** A catalog entry anyone can register: its YAML says what it likes, the catalog records where it came from. */
const registered = (
  name: string,
  options: {
    owner: string;
    location: string;
    annotations: Record<string, string>;
  },
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name,
    namespace: 'default',
    annotations: {
      'backstage.io/managed-by-location': options.location,
      'backstage.io/managed-by-origin-location': options.location,
      'forja.dev/environments': 'dev,staging,prod',
      'forja.dev/kustomize-dir': 'dir:./k8s',
      ...options.annotations,
    },
  },
  spec: { type: 'service', lifecycle: 'production', owner: options.owner },
});

const writes = (github: FakeGitHub) =>
  github.requests.filter(
    r => !r.startsWith('GET ') || r.includes('git-receive-pack'),
  );

describe('promote writes only to the repository the entity comes from', () => {
  let upstreams: Upstreams;
  let github: FakeGitHub;
  let server: any;
  let auditEvents: AuditEvent[];

  beforeAll(async () => {
    upstreams = await startUpstreams();
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization', 'other-org': 'Organization' },
      existingRepositories: ['acme/ms-auth', 'other-org/payments'],
    });
    const { entity: msAuth } = await generatedService(github, TOKEN);
    // Another team's service, promotable: staging runs 1.2.0, dev 1.3.0.
    await generatedService(github, TOKEN, 'other-org/payments');
    const git = github.url;
    const mallory = 'user:default/mallory';
    const entities: Entity[] = [
      // The same service registered as users register it: from its repository's URL.
      {
        ...msAuth,
        metadata: {
          ...msAuth.metadata,
          name: 'ms-auth-from-url',
          annotations: {
            ...msAuth.metadata.annotations,
            'backstage.io/managed-by-location': `url:${git}/acme/ms-auth/blob/main/catalog-info.yaml`,
          },
        },
      },
      // Self-owned, naming another team's repository; registered from mallory's own.
      registered('mallory-payments', {
        owner: mallory,
        location: `url:${git}/mallory/catalog/blob/main/catalog-info.yaml`,
        annotations: {
          'github.com/project-slug': 'other-org/payments',
          'backstage.io/source-location': `url:${git}/other-org/payments/tree/main/`,
          'backstage.io/kubernetes-id': 'ms-auth',
        },
      }),
      // Registered from the other repository, but from a commit off its default branch
      // (GitHub serves a fork's pull request commits through the parent repository).
      registered('mallory-fork-commit', {
        owner: mallory,
        location: `url:${git}/other-org/payments/blob/0123456789abcdef0123456789abcdef01234567/catalog-info.yaml`,
        annotations: {
          'github.com/project-slug': 'other-org/payments',
          'backstage.io/kubernetes-id': 'ms-auth',
        },
      }),
      // From the right place, but with a Kustomize folder outside its own folder.
      registered('mallory-escape', {
        owner: mallory,
        location: `url:${git}/other-org/payments/blob/main/services/x/catalog-info.yaml`,
        annotations: {
          'github.com/project-slug': 'other-org/payments',
          'backstage.io/kubernetes-id': 'ms-auth',
          'forja.dev/kustomize-dir': 'dir:../../k8s',
        },
      }),
      // Its own repository's slug, but the service there is another one.
      registered('mallory-other-service', {
        owner: mallory,
        location: `url:${git}/other-org/payments/blob/main/catalog-info.yaml`,
        annotations: {
          'github.com/project-slug': 'other-org/payments',
          'backstage.io/kubernetes-id': 'payments',
        },
      }),
    ];
    auditEvents = [];
    server = await startBackend(upstreams, {
      entities,
      auditEvents,
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
      [...Object.values(upstreams), github].map(u => u?.close()),
    );
  });
  beforeEach(() => {
    github.requests.length = 0;
    auditEvents.length = 0;
  });

  const promote = (name: string) =>
    request(server)
      .post(`/api/overview/entities/component/default/${name}/promote`)
      .send({ environment: 'staging' });

  it("refuses a self-owned entity naming another team's repository: 403, no request to GitHub, audited", async () => {
    const res = await promote('mallory-payments');
    expect(res.status).toBe(403);
    expect(res.body.error.name).toBe('NotAllowedError');
    expect(res.body.error.message).toMatch(
      /component:default\/mallory-payments was registered from .*\/mallory\/catalog\/.*, not from other-org\/payments/,
    );
    expect(github.requests).toEqual([]);
    expect(github.pullRequests).toEqual([]);
    expect(auditEvents).toEqual([
      {
        eventId: 'environment-promote',
        outcome: 'fail',
        meta: {
          params: {
            kind: 'component',
            namespace: 'default',
            name: 'mallory-payments',
          },
        },
        error: expect.stringMatching(/not from other-org\/payments/),
      },
    ]);
  });

  it("refuses a location off the repository's default branch, writing nothing", async () => {
    const res = await promote('mallory-fork-commit');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /registered from 0123456789abcdef0123456789abcdef01234567 in other-org\/payments; Forja promotes only entities registered from its default branch main/,
    );
    expect(writes(github)).toEqual([]);
    expect(github.pullRequests).toEqual([]);
    expect(auditEvents).toEqual([expect.objectContaining({ outcome: 'fail' })]);
  });

  it("refuses a Kustomize folder outside the entity's folder: 400 by field, no request", async () => {
    const res = await promote('mallory-escape');
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^forja\.dev\/kustomize-dir: dir:\.\.\/\.\.\/k8s leaves services\/x/,
    );
    expect(github.requests).toEqual([]);
    expect(auditEvents).toEqual([expect.objectContaining({ outcome: 'fail' })]);
  });

  it(".forja/service.json must name the entity's service, writing nothing otherwise", async () => {
    const res = await promote('mallory-other-service');
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /other-org\/payments's \.forja\/service\.json is the service ms-auth, not payments/,
    );
    expect(writes(github)).toEqual([]);
    expect(github.pullRequests).toEqual([]);
  });

  it('promotes an entity registered from its own repository', async () => {
    const res = await promote('ms-auth-from-url');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ created: true, tag: '1.3.0' });
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
      }),
    ]);
  });

  it("shows on the Environments card why a foreign repository's promotion is not offered", async () => {
    const res = await request(server).get(
      '/api/overview/entities/component/default/mallory-payments/environments',
    );
    expect(res.status).toBe(200);
    expect(res.body.environments[1]).toMatchObject({
      promotable: false,
      promoteBlockedReason: expect.stringMatching(
        /not from other-org\/payments/,
      ),
    });
  });
});

describe("promote's calls to GitHub", () => {
  let github: LocalServer;
  let answer: (url: URL) => { status: number; body: string } | 'stall';

  beforeEach(async () => {
    github = await startLocalServer(async (_req, res, url) => {
      const reply = answer(url);
      if (reply === 'stall') {
        await new Promise(resolve => setTimeout(resolve, 30_000).unref());
        return true;
      }
      res.writeHead(reply.status, { 'content-type': 'application/json' });
      res.end(reply.body);
      return true;
    });
  });
  afterEach(() => github.close());

  const promoter = () =>
    createPromoter({
      integrations: ScmIntegrations.fromConfig(
        new ConfigReader({
          integrations: {
            github: [
              {
                host: new URL(github.url).host,
                apiBaseUrl: `${github.url}/api/v3`,
                token: TOKEN,
              },
            ],
          },
        }),
      ),
      requestTimeoutMs: 500,
      maxResponseBytes: 1024 * 1024,
    });
  const entity = (): Entity =>
    registered('ms-auth', {
      owner: 'group:default/team-video',
      location: 'file:/srv/catalog/ms-auth.yaml',
      annotations: {
        'github.com/project-slug': 'acme/ms-auth',
        'backstage.io/source-location': `url:${github.url}/acme/ms-auth/tree/main/`,
      },
    });

  it('gives up on a GitHub that does not answer, with a clear 503', async () => {
    answer = () => 'stall';
    const started = Date.now();
    await expect(promoter().promote(entity(), 'staging')).rejects.toThrow(
      expect.objectContaining({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          /^GitHub \(127\.0\.0\.1:\d+\) is unavailable: no answer within 0\.5 s/,
        ),
      }),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 20_000);

  it('refuses an answer larger than the limit, with a clear 503', async () => {
    answer = () => ({
      status: 200,
      body: JSON.stringify({
        default_branch: 'main',
        description: 'x'.repeat(2 * 1024 * 1024),
      }),
    });
    await expect(promoter().promote(entity(), 'staging')).rejects.toThrow(
      expect.objectContaining({
        name: 'ServiceUnavailableError',
        message: expect.stringMatching(
          /^GitHub \(127\.0\.0\.1:\d+\) is unavailable: an answer larger than 1 MiB/,
        ),
      }),
    );
  }, 20_000);
  it('takes environment names as names: a path is refused before any call', async () => {
    let calls = 0;
    answer = () => {
      calls++;
      return { status: 500, body: '{}' };
    };
    const hostile = entity();
    hostile.metadata.annotations!['forja.dev/environments'] = 'dev,../../x';
    await expect(promoter().promote(hostile, '../../x')).rejects.toThrow(
      expect.objectContaining({
        name: 'InputError',
        message: expect.stringMatching(
          /^"\.\.\/\.\.\/x" is not an environment name/,
        ),
      }),
    );
    expect(calls).toBe(0);
  });
});
