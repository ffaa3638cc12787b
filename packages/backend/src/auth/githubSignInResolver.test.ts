import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { NotFoundError, ServiceUnavailableError } from '@backstage/errors';
import { AuthResolverContext } from '@backstage/plugin-auth-node';
import { githubUsernameMatchingUserEntityName } from './githubSignInResolver';

const OCTO_DEV: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'User',
  metadata: { name: 'octo-dev', namespace: 'default' },
  spec: { memberOf: ['team-video'] },
};

/** A resolver context over a catalog holding `users`, recording the tokens it issues. */
function context(users: Entity[], catalogFailure?: Error) {
  const issued: unknown[] = [];
  const ctx = {
    async findCatalogUser(query: any) {
      if (catalogFailure) throw catalogFailure;
      const { kind, name } = parseEntityRef(query.entityRef);
      const entity = users.find(
        u => kind === 'user' && u.metadata.name === name,
      );
      if (!entity) throw new NotFoundError('User not found');
      return { entity };
    },
    async resolveOwnershipEntityRefs(entity: Entity) {
      return {
        ownershipEntityRefs: [
          `user:default/${entity.metadata.name}`,
          ...(entity.spec?.memberOf as string[]).map(g => `group:default/${g}`),
        ],
      };
    },
    async issueToken(params: unknown) {
      issued.push(params);
      return { token: 'issued' };
    },
    async signInWithCatalogUser() {
      throw new Error('not used');
    },
  } as AuthResolverContext;
  return { ctx, issued };
}

const signIn = (
  profile: { username?: string; nodeId?: string },
  ctx: AuthResolverContext,
) =>
  githubUsernameMatchingUserEntityName(
    {
      profile: {},
      result: {
        fullProfile: {
          provider: 'github',
          id: '1',
          displayName: '',
          ...profile,
        },
        session: { accessToken: 'a', tokenType: 'bearer', scope: 'read:user' },
      },
    },
    ctx,
  );

describe('githubUsernameMatchingUserEntityName', () => {
  it('signs the GitHub user in as the User entity of that name, with its groups', async () => {
    const { ctx, issued } = context([OCTO_DEV]);
    await expect(
      signIn({ username: 'octo-dev', nodeId: 'MDQ6VXNlcjE=' }, ctx),
    ).resolves.toEqual({ token: 'issued' });
    expect(issued).toEqual([
      {
        claims: {
          sub: 'user:default/octo-dev',
          ent: ['user:default/octo-dev', 'group:default/team-video'],
        },
      },
    ]);
  });

  it('refuses a GitHub user with no User entity, naming the entity it looked for', async () => {
    const { ctx, issued } = context([OCTO_DEV]);
    await expect(signIn({ username: 'octo-stranger' }, ctx)).rejects.toThrow(
      expect.objectContaining({
        name: 'NotAllowedError',
        message:
          "GitHub user 'octo-stranger' has no User entity in Forja's catalog (user:default/octo-stranger), so cannot sign in. Ask a platform admin to add one.",
      }),
    );
    expect(issued).toEqual([]);
  });

  it('signs in when the entity pins this GitHub account by github.com/user-id', async () => {
    const pinned = {
      ...OCTO_DEV,
      metadata: {
        ...OCTO_DEV.metadata,
        annotations: { 'github.com/user-id': 'MDQ6VXNlcjE=' },
      },
    };
    const { ctx } = context([pinned]);
    await expect(
      signIn({ username: 'octo-dev', nodeId: 'MDQ6VXNlcjE=' }, ctx),
    ).resolves.toEqual({ token: 'issued' });
  });

  it('refuses an account that took the name of the one the entity pins', async () => {
    const pinned = {
      ...OCTO_DEV,
      metadata: {
        ...OCTO_DEV.metadata,
        annotations: { 'github.com/user-id': 'MDQ6VXNlcjE=' },
      },
    };
    const { ctx, issued } = context([pinned]);
    await expect(
      signIn({ username: 'octo-dev', nodeId: 'MDQ6VXNlcjk5' }, ctx),
    ).rejects.toThrow(
      expect.objectContaining({
        name: 'NotAllowedError',
        message: expect.stringContaining(
          'user:default/octo-dev belongs to another GitHub account',
        ),
      }),
    );
    expect(issued).toEqual([]);
  });

  it('refuses a profile without a username', async () => {
    const { ctx } = context([OCTO_DEV]);
    await expect(signIn({}, ctx)).rejects.toThrow(
      expect.objectContaining({ name: 'NotAllowedError' }),
    );
  });

  it('passes a catalog failure on instead of calling it a missing user', async () => {
    const { ctx } = context([], new ServiceUnavailableError('catalog down'));
    await expect(signIn({ username: 'octo-dev' }, ctx)).rejects.toThrow(
      expect.objectContaining({ name: 'ServiceUnavailableError' }),
    );
  });
});
