import {
  coreServices,
  createServiceFactory,
} from '@backstage/backend-plugin-api';
import { mockServices } from '@backstage/backend-test-utils';

const MOCK_SERVICE_TOKEN_PREFIX = 'mock-service-token:';

/** The test users: an owner (team-video), a member of another team, an admin (platform). */
export const OWNER = 'user:default/ana';
export const OTHER = 'user:default/elisa';
export const ADMIN = 'user:default/root';

/** Who each test user is and what they own, as the catalog sign-in resolver would say. */
const OWNERSHIP: Record<string, string[]> = {
  [OWNER]: [OWNER, 'group:default/team-video'],
  [OTHER]: [OTHER, 'group:default/team-orders'],
  [ADMIN]: [ADMIN, 'group:default/platform'],
};

export const userInfoFromTable = createServiceFactory({
  service: coreServices.userInfo,
  deps: {},
  factory: () => ({
    async getUserInfo(credentials) {
      const userEntityRef = (credentials.principal as { userEntityRef: string })
        .userEntityRef;
      return {
        userEntityRef,
        ownershipEntityRefs: OWNERSHIP[userEntityRef] ?? [userEntityRef],
      };
    },
  }),
});

/**
 * Backstage's mock auth drops the calling service from on-behalf-of tokens; the real one
 * keeps it as the principal's actor, which the permission backend needs to accept a
 * plugin's conditional request for a user.
 */
export const httpAuthKeepingActor = createServiceFactory({
  service: coreServices.httpAuth,
  deps: { plugin: coreServices.pluginMetadata },
  factory({ plugin }) {
    const httpAuth = mockServices.httpAuth({ pluginId: plugin.getId() });
    const credentials = httpAuth.credentials.bind(httpAuth);
    httpAuth.credentials = (async (req, options) => {
      const result = await credentials(req, options);
      const token = req.headers.authorization?.replace(/^Bearer /, '') ?? '';
      if (token.startsWith(MOCK_SERVICE_TOKEN_PREFIX)) {
        const { sub, obo } = JSON.parse(
          token.slice(MOCK_SERVICE_TOKEN_PREFIX.length),
        );
        if (obo) {
          return {
            ...result,
            principal: {
              ...(result.principal as object),
              actor: { type: 'service', subject: sub },
            },
          };
        }
      }
      return result;
    }) as typeof httpAuth.credentials;
    return httpAuth;
  },
});
