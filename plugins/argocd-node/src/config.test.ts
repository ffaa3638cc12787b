import { ConfigReader } from '@backstage/config';
import { readArgoCdConfig } from './config';

const read = (argocd: object) => () =>
  readArgoCdConfig(new ConfigReader({ argocd }));

describe('readArgoCdConfig', () => {
  it('reads the Roadie/community shape, with global credentials as fallback', () => {
    const config = readArgoCdConfig(
      new ConfigReader({
        argocd: {
          username: 'backstage',
          password: 'secret',
          appLocatorMethods: [
            {
              type: 'config',
              instances: [
                {
                  name: 'main',
                  url: 'https://argocd.example.com/',
                  token: 't',
                },
                {
                  name: 'prod',
                  url: 'https://argocd-prod.example.com',
                  frontendUrl: 'https://ui.example.com',
                },
              ],
            },
          ],
        },
      }),
    );
    expect(config.instances).toEqual([
      {
        name: 'main',
        url: 'https://argocd.example.com',
        frontendUrl: 'https://argocd.example.com',
        token: 't',
        username: undefined,
        password: undefined,
      },
      {
        name: 'prod',
        url: 'https://argocd-prod.example.com',
        frontendUrl: 'https://ui.example.com',
        token: undefined,
        username: 'backstage',
        password: 'secret',
      },
    ]);
    expect(config.cacheFreshMs).toBe(15_000);
  });

  it.each([
    [
      { appLocatorMethods: [{ type: 'cluster', instances: [] }] },
      'argocd.appLocatorMethods[0].type must be "config"',
    ],
    [
      {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [{ name: 'a', url: 'ftp://x', token: 't' }],
          },
        ],
      },
      'argocd.appLocatorMethods[0].instances[0].url must be an http(s) URL',
    ],
    [
      {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [{ name: 'a', url: 'https://user:pw@x', token: 't' }],
          },
        ],
      },
      'without query or credentials',
    ],
    [
      {
        appLocatorMethods: [
          { type: 'config', instances: [{ name: 'a', url: 'https://x' }] },
        ],
      },
      'argocd.appLocatorMethods[0].instances[0] needs a token, or a username and password',
    ],
    [
      {
        appLocatorMethods: [
          {
            type: 'config',
            instances: [
              { name: 'a', url: 'https://x', token: 't' },
              { name: 'a', url: 'https://y', token: 't' },
            ],
          },
        ],
      },
      'argocd.appLocatorMethods[0].instances[1].name "a" is used by another instance',
    ],
    [{ maxResponseBytes: 0 }, 'argocd.maxResponseBytes must be a positive'],
  ])('fails at start-up naming the key: %j', (argocd, message) => {
    expect(read(argocd)).toThrow(message);
  });

  it('reads answers up to 32 MiB unless told otherwise', () => {
    expect(readArgoCdConfig(new ConfigReader({})).maxResponseBytes).toBe(
      32 * 1024 * 1024,
    );
    expect(read({ maxResponseBytes: 1000 })().maxResponseBytes).toBe(1000);
  });
});
