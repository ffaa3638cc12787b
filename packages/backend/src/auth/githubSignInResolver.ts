import {
  DEFAULT_NAMESPACE,
  stringifyEntityRef,
} from '@backstage/catalog-model';
import { isError, NotAllowedError } from '@backstage/errors';
import { GithubProfile } from '@backstage/plugin-auth-backend-module-github-provider';
import {
  OAuthAuthenticatorResult,
  SignInResolver,
} from '@backstage/plugin-auth-node';

/** The annotation with which a User entity pins one GitHub account (its node id). */
export const GITHUB_USER_ID_ANNOTATION = 'github.com/user-id';

/**
 * Forja's GitHub sign-in rule: the GitHub username names the User entity
 * (`user:default/<username>`), and its groups give the ownership. No entity, no sign-in.
 * When the entity carries `github.com/user-id`, the account must be that one: a username
 * given up and taken by someone else does not inherit the entity.
 */
export const githubUsernameMatchingUserEntityName: SignInResolver<
  OAuthAuthenticatorResult<GithubProfile>
> = async (info, ctx) => {
  const { username, nodeId } = info.result.fullProfile;
  if (!username) {
    throw new NotAllowedError(
      'GitHub did not say which account signed in (its profile has no username)',
    );
  }
  const userRef = stringifyEntityRef({
    kind: 'User',
    namespace: DEFAULT_NAMESPACE,
    name: username,
  });
  let entity;
  try {
    ({ entity } = await ctx.findCatalogUser({ entityRef: userRef }));
  } catch (error) {
    if (isError(error) && error.name === 'NotFoundError') {
      throw new NotAllowedError(
        `GitHub user '${username}' has no User entity in Forja's catalog (${userRef}), so cannot sign in. Ask a platform admin to add one.`,
      );
    }
    throw error;
  }
  const pinned = entity.metadata.annotations?.[GITHUB_USER_ID_ANNOTATION];
  if (pinned !== undefined && pinned !== nodeId) {
    throw new NotAllowedError(
      `${userRef} belongs to another GitHub account (its ${GITHUB_USER_ID_ANNOTATION} is not the id of the account '${username}' signed in with), so cannot sign in.`,
    );
  }
  const { ownershipEntityRefs } = await ctx.resolveOwnershipEntityRefs(entity);
  return ctx.issueToken({
    claims: { sub: stringifyEntityRef(entity), ent: ownershipEntityRefs },
  });
};
