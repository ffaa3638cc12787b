import { createBackendModule } from '@backstage/backend-plugin-api';
import { githubAuthenticator } from '@backstage/plugin-auth-backend-module-github-provider';
import {
  authProvidersExtensionPoint,
  createOAuthProviderFactory,
} from '@backstage/plugin-auth-node';
import { githubUsernameMatchingUserEntityName } from './githubSignInResolver';

/**
 * GitHub sign-in (`auth.providers.github`, GitHub Enterprise through its
 * `enterpriseInstanceUrl`) with Forja's resolver. The resolver is Forja's alone: a
 * `signIn.resolvers` list in the configuration names no resolver this provider has, so
 * the backend refuses to start rather than sign in by another rule.
 */
export const authModuleForjaGithubProvider = createBackendModule({
  pluginId: 'auth',
  moduleId: 'forja-github-provider',
  register(reg) {
    reg.registerInit({
      deps: { providers: authProvidersExtensionPoint },
      async init({ providers }) {
        providers.registerProvider({
          providerId: 'github',
          factory: createOAuthProviderFactory({
            authenticator: githubAuthenticator,
            signInResolver: githubUsernameMatchingUserEntityName,
          }),
        });
      },
    });
  },
});
