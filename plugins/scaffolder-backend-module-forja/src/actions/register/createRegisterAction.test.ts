import { mockServices } from '@backstage/backend-test-utils';
import { ConfigReader } from '@backstage/config';
import { ScmIntegrations } from '@backstage/integration';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';
import { createRegisterAction } from './createRegisterAction';

const integrations = ScmIntegrations.fromConfig(
  new ConfigReader({ integrations: { github: [{ host: 'github.com' }] } }),
);

function setup() {
  const catalog = catalogServiceMock();
  // As the catalog answers: a location added for real comes back without its entities
  // (they are processed later); a dry run reads and returns them.
  const addLocation = jest.fn(async (location: { dryRun?: boolean }) => ({
    location: { id: '1', type: 'url', target: '' },
    entities: location.dryRun
      ? [
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Location',
            metadata: { name: 'generated-1' },
          },
          {
            apiVersion: 'backstage.io/v1alpha1',
            kind: 'Component',
            metadata: { name: 'ms-auth' },
          },
        ]
      : [],
  }));
  catalog.addLocation = addLocation as never;
  const auth = mockServices.auth({ pluginId: 'scaffolder' });
  const action = createRegisterAction({ catalog, auth, integrations });
  return { action, addLocation };
}

describe('forja:catalog:register', () => {
  it("registers the repository's catalog file as the scaffolder", async () => {
    const { action, addLocation } = setup();
    const ctx = createMockActionContext({
      input: {
        repoContentsUrl: 'https://github.com/forja-demo/ms-auth/blob/main',
        catalogInfoPath: '/catalog-info.yaml',
      },
    });
    await action.handler(ctx);
    const [location, options] = addLocation.mock.calls[0] as any[];
    expect(location).toEqual({
      type: 'url',
      target:
        'https://github.com/forja-demo/ms-auth/tree/main/catalog-info.yaml',
    });
    expect(options.credentials.principal).toEqual({
      type: 'service',
      subject: 'plugin:scaffolder',
    });
    expect(ctx.output).toHaveBeenCalledWith(
      'entityRef',
      'component:default/ms-auth',
    );
  });

  it('refuses a host no integration is configured for, registering nothing', async () => {
    const { action, addLocation } = setup();
    const ctx = createMockActionContext({
      input: {
        repoContentsUrl: 'https://evil.example/o/r/blob/main',
        catalogInfoPath: '/catalog-info.yaml',
      },
    });
    await expect(action.handler(ctx)).rejects.toThrow(
      /repoContentsUrl: https:\/\/evil.example\/o\/r\/blob\/main is on no configured integration host/,
    );
    expect(addLocation).not.toHaveBeenCalled();
  });

  it('registers nothing in a dry run', async () => {
    const { action, addLocation } = setup();
    const ctx = {
      ...createMockActionContext({
        input: {
          repoContentsUrl: 'https://github.com/forja-demo/ms-auth/blob/main',
          catalogInfoPath: '/catalog-info.yaml',
        },
      }),
      isDryRun: true,
    };
    await action.handler(ctx);
    expect(addLocation).not.toHaveBeenCalled();
  });
});
