import { mockServices, startTestBackend } from '@backstage/backend-test-utils';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import request from 'supertest';
import { authModuleForjaGithubProvider } from './githubProvider';
import { guestProviderInDevelopment } from './guestProvider';

jest.setTimeout(60_000);

const GITHUB = {
  production: {
    clientId: 'client-id',
    clientSecret: 'client-secret',
    enterpriseInstanceUrl: 'http://127.0.0.1:9',
  },
};

/** The auth backend with Forja's providers on `auth` config. */
function startAuth(auth: object) {
  return startTestBackend({
    features: [
      import('@backstage/plugin-auth-backend'),
      authModuleForjaGithubProvider,
      guestProviderInDevelopment,
      catalogServiceMock.factory(),
      mockServices.rootConfig.factory({
        data: { app: { baseUrl: 'http://localhost:3000' }, auth },
      }),
    ],
  });
}

const guestRefresh = (server: Parameters<typeof request>[0]) =>
  request(server)
    .get('/api/auth/guest/refresh')
    .set('x-requested-with', 'XMLHttpRequest');

describe("Forja's auth providers", () => {
  it('installs no guest provider where auth.environment is production', async () => {
    const backend = await startAuth({
      environment: 'production',
      providers: { github: GITHUB, guest: { userEntityRef: 'user:default/x' } },
    });
    try {
      const response = await guestRefresh(backend.server);
      expect(response.status).toBe(404);
      expect(response.body.error.message).toBe("Unknown auth provider 'guest'");
    } finally {
      await backend.stop();
    }
  });

  it('installs the guest provider on the development config', async () => {
    const backend = await startAuth({
      environment: 'development',
      providers: { guest: { userEntityRef: 'user:default/x' } },
    });
    try {
      // Installed: it answers, though jest's NODE_ENV (test) is not development.
      const response = await guestRefresh(backend.server);
      expect(response.status).not.toBe(404);
    } finally {
      await backend.stop();
    }
  });

  it('installs the guest provider outside development only when told dangerouslyAllowOutsideDevelopment', async () => {
    const backend = await startAuth({
      environment: 'production',
      providers: {
        guest: {
          userEntityRef: 'user:default/x',
          dangerouslyAllowOutsideDevelopment: true,
        },
      },
    });
    try {
      const response = await guestRefresh(backend.server);
      expect(response.status).toBe(200);
      expect(response.body.backstageIdentity.identity.userEntityRef).toBe(
        'user:default/x',
      );
    } finally {
      await backend.stop();
    }
  });

  it('sends GitHub sign-in to the enterpriseInstanceUrl', async () => {
    const backend = await startAuth({
      environment: 'production',
      providers: { github: GITHUB },
    });
    try {
      const response = await request(backend.server).get(
        '/api/auth/github/start?scope=read:user&env=production',
      );
      expect(response.status).toBe(302);
      expect(response.headers.location).toMatch(
        /^http:\/\/127\.0\.0\.1:9\/login\/oauth\/authorize\?/,
      );
    } finally {
      await backend.stop();
    }
  });

  it('refuses to start when the configuration names another sign-in resolver', async () => {
    await expect(
      startAuth({
        environment: 'production',
        providers: {
          github: {
            production: {
              ...GITHUB.production,
              signIn: {
                resolvers: [
                  {
                    resolver: 'usernameMatchingUserEntityName',
                    dangerouslyAllowSignInWithoutUserInCatalog: true,
                  },
                ],
              },
            },
          },
        },
      }),
    ).rejects.toThrow(
      "Sign-in resolver 'usernameMatchingUserEntityName' is not available",
    );
  });
});
