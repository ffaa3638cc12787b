import { CacheService, LoggerService } from '@backstage/backend-plugin-api';
import { createSwrCache, LOCAL_ENTRIES } from './swrCache';

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

describe('createSwrCache when the cache store fails', () => {
  const broken = (fault: 'reject' | 'hang') => {
    const fail = jest.fn(() =>
      fault === 'reject'
        ? Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:6379'))
        : new Promise<never>(() => {}),
    );
    const cache: CacheService = {
      get: fail,
      set: fail,
      delete: fail,
      withOptions: () => cache,
    };
    return { cache, calls: fail };
  };
  const warnings = () =>
    (logger.warn as jest.Mock).mock.calls.map(([message]) => message);
  beforeEach(() => (logger.warn as jest.Mock).mockClear());

  it.each(['reject', 'hang'] as const)(
    'reads the upstream directly when the store %ss, warns once, and rests the store',
    async fault => {
      const { cache, calls } = broken(fault);
      const swr = createSwrCache({
        logger,
        cache,
        periods: { freshMs: 60_000, ttlMs: 300_000 },
        store: { timeoutMs: 200, retryAfterMs: 1000 },
      });
      const load = jest.fn(async () => ({ apps: 3 }));
      const first = await swr.cached('argocd:list:main', load);
      expect(first).toMatchObject({ value: { apps: 3 }, stale: false });
      expect(load).toHaveBeenCalledTimes(1);
      expect(warnings()).toEqual([
        expect.stringMatching(
          /^cache store read of argocd:list:main failed \((connect ECONNREFUSED|no answer within 200 ms).*\); reading upstreams directly, without the store, for 1 s$/,
        ),
      ]);
      // The value read is still kept in this process.
      await swr.cached('argocd:list:main', load);
      expect(load).toHaveBeenCalledTimes(1);
      // While the store rests, other keys do not wait for it.
      calls.mockClear();
      await swr.cached('argocd:list:prod', async () => ({ apps: 1 }));
      expect(calls).not.toHaveBeenCalled();
      // A write upstream still forgets the value, though the store cannot.
      await expect(swr.invalidate('argocd:list:main')).resolves.toBeUndefined();
      await swr.cached('argocd:list:main', load);
      expect(load).toHaveBeenCalledTimes(2);
      expect(warnings()).toHaveLength(1);
      // After its rest the store is tried again.
      await new Promise(resolve => setTimeout(resolve, 1100));
      calls.mockClear();
      await swr.cached('argocd:list:staging', async () => ({ apps: 2 }));
      expect(calls).toHaveBeenCalled();
    },
    10_000,
  );
});

describe('createSwrCache local copies', () => {
  it(`keeps at most ${LOCAL_ENTRIES}, forgetting the least recently read`, async () => {
    const store = memoryCache();
    const get = jest.spyOn(store, 'get');
    const swr = createSwrCache({
      logger,
      cache: store,
      periods: { freshMs: 60_000, ttlMs: 300_000 },
    });
    const load = async () => 1;
    await swr.cached('hot', load);
    get.mockClear();
    for (let i = 0; i < LOCAL_ENTRIES * 2; i++) {
      await swr.cached(`cold-${i}`, load);
      if (i % 100 === 0) await swr.cached('hot', load);
    }
    // A copy read all along stays; so do the newest.
    expect(get).not.toHaveBeenCalledWith('hot');
    get.mockClear();
    await swr.cached(`cold-${LOCAL_ENTRIES * 2 - 1}`, load);
    expect(get).not.toHaveBeenCalled();
    // The oldest copy is gone: read from the store again (and still there).
    expect((await swr.cached('cold-0', load)).value).toBe(1);
    expect(get).toHaveBeenCalledWith('cold-0');
  });
});

describe('createSwrCache on a store shared by replicas', () => {
  const replica = (store: CacheService) =>
    createSwrCache({
      logger,
      cache: store,
      periods: { freshMs: 60_000, ttlMs: 300_000 },
      shared: true,
    });
  const counted = (value: number) => {
    const load = jest.fn(async () => {
      await new Promise(resolve => setTimeout(resolve, 30));
      return { value };
    });
    return load;
  };

  it('loads a key missed on every replica once, the others taking its value', async () => {
    const store = memoryCache();
    const replicas = [replica(store), replica(store), replica(store)];
    const loads = replicas.map((_, i) => counted(i));
    const values = await Promise.all(
      replicas.flatMap((swr, i) =>
        Array.from({ length: 10 }, () => swr.cached('argocd:list', loads[i])),
      ),
    );
    expect(loads.reduce((n, l) => n + l.mock.calls.length, 0)).toBe(1);
    expect(new Set(values.map(v => JSON.stringify(v.value))).size).toBe(1);
    // The claim is given back.
    expect(await store.get('lease:argocd:list')).toBeUndefined();
  });

  it('refreshes a stale key once across replicas, waiters taking the newer value', async () => {
    const store = memoryCache();
    await store.set('k', {
      value: { value: -1 },
      fetchedAt: Date.now() - 90_000,
    });
    const [a, b] = [replica(store), replica(store)];
    const [loadA, loadB] = [counted(1), counted(2)];
    const stale = await Promise.all([
      a.cached('k', loadA),
      b.cached('k', loadB),
    ]);
    expect(stale.map(s => s.stale)).toEqual([true, true]);
    await new Promise(resolve => setTimeout(resolve, 400));
    expect(loadA.mock.calls.length + loadB.mock.calls.length).toBe(1);
    const fresh = await Promise.all([
      a.cached('k', loadA),
      b.cached('k', loadB),
    ]);
    expect(fresh.map(f => f.stale)).toEqual([false, false]);
    expect(fresh[0].value).toEqual(fresh[1].value);
  });

  it('loads on the waiting replica when the one holding the claim fails', async () => {
    const store = memoryCache();
    const [a, b] = [replica(store), replica(store)];
    const failing = jest.fn(async () => {
      await new Promise(resolve => setTimeout(resolve, 30));
      throw new Error('argocd down');
    });
    const first = a.cached('k', failing);
    await new Promise(resolve => setTimeout(resolve, 10));
    const second = b.cached('k', async () => ({ value: 2 }));
    await expect(first).rejects.toThrow('argocd down');
    expect((await second).value).toEqual({ value: 2 });
  });

  it('loads on each replica without a claim when the store is down', async () => {
    const down: CacheService = {
      get: () => Promise.reject(new Error('ECONNREFUSED')),
      set: () => Promise.reject(new Error('ECONNREFUSED')),
      delete: () => Promise.reject(new Error('ECONNREFUSED')),
      withOptions: () => down,
    };
    const [a, b] = [replica(down), replica(down)];
    const [loadA, loadB] = [counted(1), counted(2)];
    const values = await Promise.all([
      a.cached('k', loadA),
      b.cached('k', loadB),
    ]);
    expect(values.map(v => v.value)).toEqual([{ value: 1 }, { value: 2 }]);
  });
});
