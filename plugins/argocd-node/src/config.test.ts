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

  describe('durations', () => {
    const durations = (argocd: object) => {
      const { requestTimeoutMs, cacheFreshMs, cacheStaleMs } = read(argocd)();
      return { requestTimeoutMs, cacheFreshMs, cacheStaleMs };
    };

    it('defaults to a 10 s timeout, 15 s fresh and 300 s stale', () => {
      expect(durations({})).toEqual({
        requestTimeoutMs: 10_000,
        cacheFreshMs: 15_000,
        cacheStaleMs: 300_000,
      });
    });

    it.each([
      [
        'HumanDuration objects',
        {
          requestTimeout: { seconds: 3 },
          cacheFresh: { seconds: 20 },
          cacheStale: { minutes: 10 },
        },
      ],
      [
        'ms-style strings',
        { requestTimeout: '3s', cacheFresh: '20s', cacheStale: '10m' },
      ],
      [
        'ISO 8601 durations',
        { requestTimeout: 'PT3S', cacheFresh: 'PT20S', cacheStale: 'PT10M' },
      ],
    ])('reads %s', (_, argocd) => {
      expect(durations(argocd)).toEqual({
        requestTimeoutMs: 3000,
        cacheFreshMs: 20_000,
        cacheStaleMs: 600_000,
      });
    });

    it('still reads the deprecated requestTimeoutMs and cache*Seconds', () => {
      expect(
        durations({
          requestTimeoutMs: 3000,
          cacheFreshSeconds: 20,
          cacheStaleSeconds: 600,
        }),
      ).toEqual({
        requestTimeoutMs: 3000,
        cacheFreshMs: 20_000,
        cacheStaleMs: 600_000,
      });
    });

    it('prefers the new key when both are set', () => {
      expect(
        durations({
          requestTimeout: '2s',
          requestTimeoutMs: 3000,
          cacheFresh: '1s',
          cacheFreshSeconds: 20,
          cacheStale: '1m',
          cacheStaleSeconds: 600,
        }),
      ).toEqual({
        requestTimeoutMs: 2000,
        cacheFreshMs: 1000,
        cacheStaleMs: 60_000,
      });
    });

    it('serves nothing as fresh with cacheFresh 0', () => {
      expect(durations({ cacheFresh: '0ms' }).cacheFreshMs).toBe(0);
    });

    it.each([
      [{ requestTimeout: 3000 }, 'argocd.requestTimeout must be a duration'],
      [{ requestTimeout: 'soon' }, 'argocd.requestTimeout must be a duration'],
      [{ requestTimeout: '0s' }, 'argocd.requestTimeout must be a positive'],
      [{ requestTimeoutMs: -1 }, 'argocd.requestTimeoutMs must be a positive'],
      [{ cacheFresh: { secs: 1 } }, 'argocd.cacheFresh must be a duration'],
      [{ cacheStale: 'PT0S' }, 'argocd.cacheStale must be a positive'],
    ])('fails at start-up naming the key: %j', (argocd, message) => {
      expect(read(argocd)).toThrow(message);
    });
  });
});
