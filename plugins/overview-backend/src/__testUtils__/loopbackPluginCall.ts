import { mockCredentials } from '@backstage/backend-test-utils';
import { createPluginCall } from '../pluginClient';

/** The overview's call to other backends, as a service, to a backend on a loopback port. */
export const loopbackPluginCall = (port: number) =>
  createPluginCall({
    discovery: {
      getBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
      getExternalBaseUrl: async id => `http://127.0.0.1:${port}/api/${id}`,
    },
    auth: {
      getOwnServiceCredentials: async () => mockCredentials.service(),
      getPluginRequestToken: async () => ({
        token: mockCredentials.service.token(),
      }),
    } as never,
    maxResponseBytes: 1024 * 1024,
  });
