import { GuardedStore } from '@forja/plugin-forja-node';
import { JsonValue } from '@backstage/types';
import { testEstimate } from './__testUtils__/testEstimate';
import { createEstimateCache, SHARED_TTL_MS } from './estimateCache';
import { Part } from './part';
import { SourceReader, SourceRevision } from './sourceReader';

const source = { type: 'url' as const, url: 'https://example.com/tf' };
const KEY = 'terraform|dev|null';
const SHARED_KEY = `estimate:url:https://example.com/tf|rev-1|${KEY}`;

const okPart: Part = {
  identity: 'url:https://example.com/tf/environments/dev',
  status: 'ok',
  estimate: testEstimate('12.00'),
  revision: 'rev-1',
  computedAt: '2026-12-01T00:00:00.000Z',
};
const failedPart = (message: string): Part => ({
  identity: 'url:https://example.com/tf',
  status: 'failed',
  message,
});

function setup() {
  const stored = new Map<string, { value: JsonValue; ttl: number }>();
  const store: GuardedStore = {
    read: async key => stored.get(key)?.value,
    write: async (key, value, ttl) => {
      stored.set(key, { value, ttl });
    },
    delete: async key => {
      stored.delete(key);
    },
  };
  const evictBeyond = jest.fn();
  const sources: SourceReader<Promise<Part>> = {
    current: async () => {
      throw new Error('not used');
    },
    evictBeyond,
  };
  const cache = createEstimateCache({ sources, store, maxEstimates: 7 });
  const entry: SourceRevision<Promise<Part>> = {
    checkedAt: Date.now(),
    revision: 'rev-1',
    values: new Map(),
  };
  return { cache, entry, stored, evictBeyond };
}

describe('createEstimateCache', () => {
  it('computes once per revision and key, concurrent callers included, and shares it', async () => {
    const { cache, entry, stored, evictBeyond } = setup();
    const compute = jest.fn(async () => okPart);
    const results = await Promise.all([
      cache.estimate(source, entry, KEY, compute, failedPart),
      cache.estimate(source, entry, KEY, compute, failedPart),
    ]);
    expect(results).toEqual([okPart, okPart]);
    expect(await cache.estimate(source, entry, KEY, compute, failedPart)).toBe(
      okPart,
    );
    expect(compute).toHaveBeenCalledTimes(1);
    expect(stored.get(SHARED_KEY)).toEqual({
      value: okPart,
      ttl: SHARED_TTL_MS,
    });
    expect(evictBeyond).toHaveBeenCalledWith(7);
  });

  it('takes what another replica estimated for the revision', async () => {
    const { cache, entry, stored } = setup();
    stored.set(SHARED_KEY, { value: okPart as any, ttl: SHARED_TTL_MS });
    const compute = jest.fn(async () => failedPart('not expected'));
    expect(
      await cache.estimate(source, entry, KEY, compute, failedPart),
    ).toEqual(okPart);
    expect(compute).not.toHaveBeenCalled();
  });

  it('keeps and shares no failure: the next request computes again', async () => {
    const { cache, entry, stored } = setup();
    const compute = jest
      .fn<Promise<Part>, []>()
      .mockResolvedValueOnce(failedPart('no Terraform for dev'))
      .mockRejectedValueOnce(new Error('the module repository is down'))
      .mockResolvedValueOnce(okPart);
    expect(
      await cache.estimate(source, entry, KEY, compute, failedPart),
    ).toEqual(failedPart('no Terraform for dev'));
    expect(entry.values.size).toBe(0);
    expect(stored.size).toBe(0);
    expect(
      await cache.estimate(source, entry, KEY, compute, failedPart),
    ).toEqual(failedPart('the module repository is down'));
    expect(entry.values.size).toBe(0);
    expect(
      await cache.estimate(source, entry, KEY, compute, failedPart),
    ).toEqual(okPart);
    expect(entry.values.size).toBe(1);
    expect(compute).toHaveBeenCalledTimes(3);
  });

  it('keeps estimates of other keys and revisions apart', async () => {
    const { cache, entry, stored } = setup();
    const compute = jest.fn(async () => okPart);
    await cache.estimate(source, entry, KEY, compute, failedPart);
    await cache.estimate(
      source,
      entry,
      'terraform|prod|null',
      compute,
      failedPart,
    );
    entry.revision = 'rev-2';
    entry.values.clear();
    await cache.estimate(source, entry, KEY, compute, failedPart);
    expect(compute).toHaveBeenCalledTimes(3);
    expect([...stored.keys()]).toEqual([
      SHARED_KEY,
      'estimate:url:https://example.com/tf|rev-1|terraform|prod|null',
      `estimate:url:https://example.com/tf|rev-2|${KEY}`,
    ]);
  });
});
