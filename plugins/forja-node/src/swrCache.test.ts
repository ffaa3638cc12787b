import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { createSwrCache } from './swrCache';

function memoryCache(): CacheService {
  const entries = new Map<string, unknown>();
  const cache: CacheService = {
    get: async key => entries.get(key) as never,
    set: async (key, value) => {
      entries.set(key, value);
    },
    delete: async key => {
      entries.delete(key);
    },
    withOptions: () => cache,
  };
  return cache;
}

const logger = {
  warn: jest.fn(),
  info: jest.fn(),
  error: jest.fn(),
  debug: jest.fn(),
  child: () => logger,
} as unknown as LoggerService;

describe('createSwrCache().cached', () => {
  const service = (freshSeconds: number) =>
    createSwrCache({
      logger,
      cache: memoryCache(),
      periods: { freshMs: freshSeconds * 1000, ttlMs: 300_000 },
    });

  it('shares one load among concurrent callers and serves repeats from the cache', async () => {
    const argocd = service(60);
    let loads = 0;
    const load = async () => {
      loads++;
      await new Promise(resolve => setTimeout(resolve, 20));
      return { n: loads };
    };
    const results = await Promise.all(
      Array.from({ length: 50 }, () => argocd.cached('k', load)),
    );
    expect(loads).toBe(1);
    expect(
      results.every(r => (r.value as { n: number }).n === 1 && !r.stale),
    ).toBe(true);
    await argocd.cached('k', load);
    expect(loads).toBe(1);
  });

  it('serves stale data while one background refresh runs, then the new value', async () => {
    const argocd = service(0);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    await argocd.cached('k', load);
    await new Promise(resolve => setTimeout(resolve, 5));
    const stale = await Promise.all([
      argocd.cached('k', load),
      argocd.cached('k', load),
    ]);
    expect(stale.map(r => [r.value, r.stale])).toEqual([
      [{ n: 1 }, true],
      [{ n: 1 }, true],
    ]);
    await new Promise(resolve => setTimeout(resolve, 5));
    expect(loads).toBe(2);
    expect((await argocd.cached('k', load)).value).toEqual({ n: 2 });
  });

  it('keeps a value fresh for its own period when given one', async () => {
    const argocd = service(0);
    let loads = 0;
    const load = async () => ({ n: ++loads });
    const day = { freshMs: 86_400_000, ttlMs: 86_400_000 };
    await argocd.cached('commit', load, day);
    await new Promise(resolve => setTimeout(resolve, 5));
    const again = await argocd.cached('commit', load, day);
    expect([again.value, again.stale]).toEqual([{ n: 1 }, false]);
    expect(loads).toBe(1);
  });

  it('reads the cache service once for concurrent callers it has no local copy for', async () => {
    const store = memoryCache();
    const get = jest.spyOn(store, 'get');
    // Another replica (or an earlier process) put the value in the shared store.
    await store.set('argocd:list-all:main', {
      value: [1, 2],
      fetchedAt: Date.now(),
    });
    const swr = createSwrCache({
      logger,
      cache: store,
      periods: { freshMs: 60_000, ttlMs: 300_000 },
    });
    const load = jest.fn(async () => [3]);
    const values = await Promise.all(
      Array.from({ length: 500 }, () =>
        swr.cached('argocd:list-all:main', load),
      ),
    );
    expect(values.every(v => v.value.length === 2)).toBe(true);
    expect(get).toHaveBeenCalledTimes(1);
    expect(load).not.toHaveBeenCalled();
  });

  it('does not cache failures', async () => {
    const argocd = service(60);
    await expect(
      argocd.cached('k', async () => {
        throw new Error('down');
      }),
    ).rejects.toThrow('down');
    expect(
      (await argocd.cached('k', async () => ({ ok: true }))).value,
    ).toEqual({ ok: true });
  });
});
