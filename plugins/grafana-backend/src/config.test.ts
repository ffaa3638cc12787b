import { ConfigReader } from '@backstage/config';
import { readGrafanaConfig } from './config';

const durations = (grafana: object) => {
  const { requestTimeoutMs, cacheFreshMs, cacheStaleMs } = readGrafanaConfig(
    new ConfigReader({ grafana }),
  );
  return { requestTimeoutMs, cacheFreshMs, cacheStaleMs };
};

describe('readGrafanaConfig durations', () => {
  it('defaults to a 10 s timeout, 30 s fresh and 10 min stale', () => {
    expect(durations({})).toEqual({
      requestTimeoutMs: 10_000,
      cacheFreshMs: 30_000,
      cacheStaleMs: 600_000,
    });
  });

  it.each([
    [
      'HumanDuration objects',
      {
        requestTimeout: { seconds: 3 },
        cacheFresh: { seconds: 20 },
        cacheStale: { minutes: 5 },
      },
    ],
    [
      'ms-style strings',
      { requestTimeout: '3s', cacheFresh: '20 seconds', cacheStale: '5m' },
    ],
    [
      'ISO 8601 durations',
      { requestTimeout: 'PT3S', cacheFresh: 'PT20S', cacheStale: 'PT5M' },
    ],
  ])('reads %s', (_, grafana) => {
    expect(durations(grafana)).toEqual({
      requestTimeoutMs: 3000,
      cacheFreshMs: 20_000,
      cacheStaleMs: 300_000,
    });
  });

  it('still reads the deprecated requestTimeoutMs and cache*Seconds', () => {
    expect(
      durations({
        requestTimeoutMs: 3000,
        cacheFreshSeconds: 20,
        cacheStaleSeconds: 300,
      }),
    ).toEqual({
      requestTimeoutMs: 3000,
      cacheFreshMs: 20_000,
      cacheStaleMs: 300_000,
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
        cacheStaleSeconds: 300,
      }),
    ).toEqual({
      requestTimeoutMs: 2000,
      cacheFreshMs: 1000,
      cacheStaleMs: 60_000,
    });
  });

  it('serves nothing as fresh with cacheFresh 0', () => {
    expect(durations({ cacheFresh: '0ms' }).cacheFreshMs).toBe(0);
    expect(durations({ cacheFreshSeconds: 0 }).cacheFreshMs).toBe(0);
  });

  it.each([
    [{ requestTimeout: 3000 }, 'grafana.requestTimeout must be a duration'],
    [{ requestTimeout: 'later' }, 'grafana.requestTimeout must be a duration'],
    [{ requestTimeout: '0s' }, 'grafana.requestTimeout must be a positive'],
    [{ requestTimeoutMs: 0 }, 'grafana.requestTimeoutMs must be a positive'],
    [{ cacheFresh: { sec: 1 } }, 'grafana.cacheFresh must be a duration'],
    [{ cacheFresh: '-1s' }, 'grafana.cacheFresh must be a duration'],
    [{ cacheStale: 'PT0S' }, 'grafana.cacheStale must be a positive'],
  ])('fails at start-up naming the key: %j', (grafana, message) => {
    expect(() => durations(grafana)).toThrow(message);
  });
});
