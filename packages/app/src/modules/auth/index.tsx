import { SignInPage } from '@backstage/core-components';
import {
  configApiRef,
  createFrontendModule,
  githubAuthApiRef,
  useApi,
} from '@backstage/frontend-plugin-api';
import {
  SignInPageBlueprint,
  SignInPageProps,
} from '@backstage/plugin-app-react';

const githubProvider = {
  id: 'github-auth-provider',
  title: 'GitHub',
  message: 'Sign in with your GitHub account',
  apiRef: githubAuthApiRef,
};

/** Guest sign-in on the embedded defaults (development), GitHub everywhere else. */
export function ForjaSignInPage(props: SignInPageProps) {
  const config = useApi(configApiRef);
  const development =
    (config.getOptionalString('auth.environment') ?? 'development') ===
    'development';
  return (
    <SignInPage
      {...props}
      title="Forja"
      align="center"
      providers={development ? ['guest', githubProvider] : [githubProvider]}
    />
  );
}

export const authModule = createFrontendModule({
  pluginId: 'app',
  extensions: [
    SignInPageBlueprint.make({
      params: { loader: async () => ForjaSignInPage },
    }),
  ],
});
