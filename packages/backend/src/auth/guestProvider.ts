import {
  coreServices,
  createBackendFeatureLoader,
} from '@backstage/backend-plugin-api';

/**
 * The guest provider, only where guest sign-in is meant to exist: `auth.providers.guest`
 * is configured and `auth.environment` is development (the embedded defaults), or the
 * configuration says `dangerouslyAllowOutsideDevelopment`. Anywhere else (production) the
 * provider is not installed at all, so `/api/auth/guest/*` answers 404.
 */
export const guestProviderInDevelopment = createBackendFeatureLoader({
  deps: { config: coreServices.rootConfig },
  *loader({ config }) {
    const guest = config.getOptionalConfig('auth.providers.guest');
    if (!guest) return;
    const environment =
      config.getOptionalString('auth.environment') ?? 'development';
    if (
      environment === 'development' ||
      guest.getOptionalBoolean('dangerouslyAllowOutsideDevelopment') === true
    ) {
      yield import('@backstage/plugin-auth-backend-module-guest-provider');
    }
  },
});
