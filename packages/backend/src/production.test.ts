import {
  LocalPostgres,
  LocalRedis,
  startPostgres,
  startRedis,
} from '@forja/test-servers';
import { Client } from 'pg';
import {
  BackendProcess,
  startBackendProcess,
} from './__testUtils__/backendProcess';
import {
  GitHubSignIn,
  signInWithGitHub,
  startGitHubSignIn,
} from './__testUtils__/githubSignIn';

/**
 * Boots the real backend with app-config.production.yaml against a real PostgreSQL server
 * and Redis, then reads the demo catalog back through its API and signs in through a
 * local GitHub (the provider's enterpriseInstanceUrl).
 */
describe('the backend on its production configuration', () => {
  let postgres: LocalPostgres;
  let redis: LocalRedis;
  let signIn: GitHubSignIn;
  let backend: BackendProcess;

  beforeAll(async () => {
    [postgres, redis, signIn] = await Promise.all([
      startPostgres(),
      startRedis(),
      startGitHubSignIn({
        // octo-renamed's old account was deleted and its name taken by someone else.
        githubLogins: ['octo-dev', 'octo-stranger', 'octo-renamed', 'guest'],
        catalogUsers: github => [
          {
            name: 'octo-dev',
            displayName: 'Octo Dev',
            memberOf: ['team-video'],
            githubUserId: String(github.userProfile('octo-dev').node_id),
          },
          {
            name: 'octo-renamed',
            displayName: 'Octo Renamed',
            memberOf: ['platform'],
            githubUserId: 'MDQ6VXNlcjk5OTk5',
          },
        ],
      }),
    ]);
    backend = await startBackendProcess({
      postgres,
      redis,
      config: signIn.backendConfig,
    });
    await backend.waitForJson('/.backstage/health/v1/readiness');
  }, 180_000);

  afterAll(async () => {
    await backend?.stop();
    await Promise.all([postgres?.stop(), redis?.stop(), signIn?.close()]);
  }, 60_000);

  it('stores the catalog in PostgreSQL and serves it back', async () => {
    const entity = await backend.waitForJson(
      '/api/catalog/entities/by-name/component/default/ms-auth',
    );
    expect(entity.metadata.annotations['backstage.io/kubernetes-id']).toBe(
      'ms-auth',
    );

    const client = new Client({
      host: postgres.host,
      port: postgres.port,
      user: postgres.user,
      password: postgres.password,
      database: 'backstage_plugin_catalog',
    });
    await client.connect();
    try {
      const rows = await client.query(
        "select count(*)::int as n from final_entities where entity_ref = 'component:default/ms-auth'",
      );
      expect(rows.rows[0].n).toBe(1);
    } finally {
      await client.end();
    }

    const readiness = await fetch(
      `${backend.baseUrl}/.backstage/health/v1/readiness`,
    );
    expect(readiness.status).toBe(200);
  }, 180_000);

  it('rejects catalog reads without credentials', async () => {
    const response = await fetch(`${backend.baseUrl}/api/catalog/entities`);
    expect(response.status).toBe(401);
  });

  it('has no guest sign-in', async () => {
    const response = await fetch(`${backend.baseUrl}/api/auth/guest/refresh`, {
      headers: { 'x-requested-with': 'XMLHttpRequest' },
    });
    expect(response.status).toBe(404);
  }, 150_000);

  it('sends sign-in to the GitHub its enterpriseInstanceUrl names', async () => {
    const start = await fetch(
      `${backend.baseUrl}/api/auth/github/start?scope=read:user&env=production`,
      { redirect: 'manual' },
    );
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(
      `${signIn.github.url}/login/oauth/authorize`,
    );
    expect(authorize.searchParams.get('client_id')).toBe('test-client-id');
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `${backend.baseUrl}/api/auth/github/handler/frame`,
    );
  }, 150_000);

  it('signs a GitHub user in as the User entity of that name, with its groups', async () => {
    await backend.waitForJson(
      '/api/catalog/entities/by-name/user/default/octo-dev',
    );
    const answer = await signInWithGitHub(backend.baseUrl, 'octo-dev');
    expect(answer.error).toBeUndefined();
    expect(answer.response?.backstageIdentity.identity).toEqual({
      type: 'user',
      userEntityRef: 'user:default/octo-dev',
      ownershipEntityRefs: expect.arrayContaining([
        'user:default/octo-dev',
        'group:default/team-video',
      ]),
    });
    // The token the app is given works on the backend's APIs.
    const token = (answer.response?.backstageIdentity as any).token;
    const entity = await backend.fetch(
      '/api/catalog/entities/by-name/component/default/ms-auth',
      { token },
    );
    expect(entity.status).toBe(200);
  }, 150_000);

  it('refuses a GitHub user with no User entity, saying why', async () => {
    const answer = await signInWithGitHub(backend.baseUrl, 'octo-stranger');
    expect(answer.response).toBeUndefined();
    expect(answer.error).toEqual({
      name: 'NotAllowedError',
      message:
        "GitHub user 'octo-stranger' has no User entity in Forja's catalog (user:default/octo-stranger), so cannot sign in. Ask a platform admin to add one.",
    });
  }, 150_000);

  it('refuses a GitHub account whose id is not the one its User entity pins', async () => {
    await backend.waitForJson(
      '/api/catalog/entities/by-name/user/default/octo-renamed',
    );
    const answer = await signInWithGitHub(backend.baseUrl, 'octo-renamed');
    expect(answer.response).toBeUndefined();
    expect(answer.error?.name).toBe('NotAllowedError');
    expect(answer.error?.message).toMatch(
      /user:default\/octo-renamed belongs to another GitHub account/,
    );
  }, 150_000);

  it("does not make a GitHub user named guest the demo's admin guest", async () => {
    // The demo's users are in the catalog (the guest was one of them, in catalog/org.yaml).
    await backend.waitForJson(
      '/api/catalog/entities/by-name/user/default/gabriela.teixeira',
    );
    const answer = await signInWithGitHub(backend.baseUrl, 'guest');
    expect(answer.response).toBeUndefined();
    expect(answer.error?.message).toMatch(
      /GitHub user 'guest' has no User entity/,
    );
  }, 150_000);
});
