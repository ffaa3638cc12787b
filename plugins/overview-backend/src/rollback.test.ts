import { Entity } from '@backstage/catalog-model';
import { FakeGitHub, startFakeGitHub } from '@forja/test-servers';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import request from 'supertest';
import { parseDocument } from 'yaml';
import {
  AuditEvent,
  startBackend,
  startUpstreams,
  TOKEN,
  Upstreams,
} from './__testUtils__/checkout';
import { commitStagingTag } from './__testUtils__/commitStagingTag';
import { generatedService } from './__testUtils__/generatedService';

jest.setTimeout(120_000);

const run = promisify(execFile);

const writes = (github: FakeGitHub) =>
  github.requests.filter(
    r => !r.startsWith('GET ') || r.includes('git-receive-pack'),
  );

describe('rollback: an environment set back to an earlier revision, by pull request', () => {
  let upstreams: Upstreams;
  let github: FakeGitHub;
  let server: any;
  let denied: any;
  let auditEvents: AuditEvent[];
  /** staging at 1.2.0 (the generated service's first commit). */
  let initial: string;
  /** staging's tag with a YAML document injected into it. */
  let injected: string;
  /** staging at 1.4.0: main's head. */
  let latest: string;
  /** staging at 0.9.0 on a branch never merged (as a fork's commit is served). */
  let unmerged: string;

  beforeAll(async () => {
    upstreams = await startUpstreams();
    github = await startFakeGitHub({
      token: TOKEN,
      accounts: { acme: 'Organization', 'other-org': 'Organization' },
      existingRepositories: ['acme/ms-auth', 'other-org/payments'],
    });
    const { entity: msAuth, dir } = await generatedService(github, TOKEN);
    initial = (
      await run('git', ['rev-parse', 'HEAD'], { cwd: dir })
    ).stdout.trim();
    injected = await commitStagingTag(
      github,
      dir,
      '1.0\nkind: ClusterRoleBinding',
    );
    latest = await commitStagingTag(github, dir, '1.4.0');
    unmerged = await commitStagingTag(github, dir, '0.9.0', 'unmerged');
    await generatedService(github, TOKEN, 'other-org/payments');
    const entities: Entity[] = [
      {
        ...msAuth,
        metadata: {
          ...msAuth.metadata,
          name: 'ms-auth-from-url',
          annotations: {
            ...msAuth.metadata.annotations,
            'backstage.io/managed-by-location': `url:${github.url}/acme/ms-auth/blob/main/catalog-info.yaml`,
          },
        },
      },
      // Registered as the service template registers it: a tree URL naming the file.
      {
        ...msAuth,
        metadata: {
          ...msAuth.metadata,
          name: 'ms-auth-from-tree-url',
          annotations: {
            ...msAuth.metadata.annotations,
            'backstage.io/managed-by-location': `url:${github.url}/acme/ms-auth/tree/main/catalog-info.yaml`,
          },
        },
      },
      // Self-owned, naming another team's repository; registered from mallory's own.
      {
        apiVersion: 'backstage.io/v1alpha1',
        kind: 'Component',
        metadata: {
          name: 'mallory-payments',
          namespace: 'default',
          annotations: {
            'backstage.io/managed-by-location': `url:${github.url}/mallory/catalog/blob/main/catalog-info.yaml`,
            'forja.dev/environments': 'dev,staging,prod',
            'github.com/project-slug': 'other-org/payments',
            'backstage.io/kubernetes-id': 'ms-auth',
          },
        },
        spec: {
          type: 'service',
          lifecycle: 'production',
          owner: 'user:default/mallory',
        },
      },
    ];
    const config = {
      integrations: {
        github: [
          { host: github.host, apiBaseUrl: github.apiBaseUrl, token: TOKEN },
        ],
      },
    };
    auditEvents = [];
    server = await startBackend(upstreams, { entities, auditEvents, config });
    denied = await startBackend(upstreams, {
      entities,
      config,
      deny: ['overview.entity.promote'],
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

  const rollback = (name: string, body: object, to = server) =>
    request(to)
      .post(`/api/overview/entities/component/default/${name}/rollback`)
      .send(body);

  it("refuses an entity naming another team's repository: 403, no request to GitHub, audited", async () => {
    const res = await rollback('mallory-payments', {
      environment: 'staging',
      revision: initial,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /registered from .*\/mallory\/catalog\/.*, not from other-org\/payments: Forja rolls back only in the repository an entity was registered from/,
    );
    expect(github.requests).toEqual([]);
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'environment-rollback',
        outcome: 'fail',
      }),
    ]);
  });

  it.each<[string, string | ((sha: string) => string)]>([
    ['a branch name', 'main'],
    ['a path', '../../../etc/passwd'],
    ['a short SHA', sha => sha.slice(0, 7)],
    ['a SHA with a query', sha => `${sha}?ref=evil`],
  ])(
    'refuses a revision that is %s: 400, no request to GitHub',
    async (_what, revision) => {
      const res = await rollback('ms-auth-from-url', {
        environment: 'staging',
        revision: typeof revision === 'function' ? revision(initial) : revision,
      });
      expect(res.status).toBe(400);
      expect(res.body.error.message).toMatch(/^revision: /);
      expect(github.requests).toEqual([]);
    },
  );

  it('refuses an environment that is a path, before any request', async () => {
    const res = await rollback('ms-auth-from-url', {
      environment: '../prod',
      revision: initial,
    });
    expect(res.status).toBe(400);
    expect(github.requests).toEqual([]);
  });

  it('needs overview.entity.promote: 403 without it, no request to GitHub', async () => {
    const res = await rollback(
      'ms-auth-from-url',
      { environment: 'staging', revision: initial },
      denied,
    );
    expect(res.status).toBe(403);
    expect(github.requests).toEqual([]);
  });

  it("refuses a commit off the default branch's history, writing nothing", async () => {
    const res = await rollback('ms-auth-from-url', {
      environment: 'staging',
      revision: unmerged,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.message).toMatch(
      /is not in the history of acme\/ms-auth's main/,
    );
    expect(writes(github)).toEqual([]);
    expect(github.pullRequests).toEqual([]);
  });

  it('answers 404 for a SHA that is no commit of the repository', async () => {
    const res = await rollback('ms-auth-from-url', {
      environment: 'staging',
      revision: 'f'.repeat(40),
    });
    expect(res.status).toBe(404);
    expect(res.body.error.message).toBe(
      `${'f'.repeat(40)} is not a commit of acme/ms-auth`,
    );
    expect(writes(github)).toEqual([]);
  });

  it('refuses a tag with YAML injected into it at that revision, writing nothing', async () => {
    const res = await rollback('ms-auth-from-url', {
      environment: 'staging',
      revision: injected,
    });
    expect(res.status).toBe(400);
    expect(res.body.error.message).toMatch(
      /^staging declared no image tag for ms-auth at /,
    );
    expect(writes(github)).toEqual([]);
    expect(github.pullRequests).toEqual([]);
  });

  it('finds .forja/service.json beside a catalog file registered by a tree URL', async () => {
    const res = await rollback('ms-auth-from-tree-url', {
      environment: 'prod',
      revision: initial,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('prod already runs 1.2.0');
  });

  it('is a conflict when the environment already runs that tag', async () => {
    const res = await rollback('ms-auth-from-url', {
      environment: 'staging',
      revision: latest,
    });
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe('staging already runs 1.4.0');
    expect(writes(github)).toEqual([]);
  });

  it('opens rollback/<env>-<tag> writing only the overlay, then answers the open pull request', async () => {
    const res = await rollback('ms-auth-from-url', {
      environment: 'staging',
      revision: initial,
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      branch: 'rollback/staging-1.2.0',
      environment: 'staging',
      revision: initial,
      tag: '1.2.0',
      created: true,
    });
    expect(github.pullRequests).toEqual([
      expect.objectContaining({
        repository: 'acme/ms-auth',
        head: 'rollback/staging-1.2.0',
        base: 'main',
        title: 'deploy: roll back staging to 1.2.0',
      }),
    ]);
    const [before, after] = await Promise.all([
      github.readTree('acme/ms-auth', 'main'),
      github.readTree('acme/ms-auth', 'rollback/staging-1.2.0'),
    ]);
    const changed = [...after.keys()].filter(
      f => after.get(f) !== before.get(f),
    );
    expect(changed).toEqual(['k8s/overlays/staging/kustomization.yaml']);
    expect(parseDocument(after.get(changed[0])!).toJS().images[0].newTag).toBe(
      '1.2.0',
    );
    expect(auditEvents).toEqual([
      expect.objectContaining({
        eventId: 'environment-rollback',
        outcome: 'success',
        meta: expect.objectContaining({
          entityRef: 'component:default/ms-auth-from-url',
          tag: '1.2.0',
        }),
      }),
    ]);

    const again = await rollback('ms-auth-from-url', {
      environment: 'staging',
      revision: initial,
    });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({
      created: false,
      pullRequestUrl: res.body.pullRequestUrl,
    });
    expect(github.pullRequests).toHaveLength(1);
  });
});
