import { CachedValue } from '@forja/plugin-forja-node';
import { createSourceReader, SourceRead } from './sourceReader';

/** A cache whose reads settle when the test says so, one pending read per call. */
function fakeCache() {
  const reads: Array<{
    key: string;
    resolve: (value: CachedValue<unknown>) => void;
    reject: (error: Error) => void;
  }> = [];
  const cached = jest.fn(
    (key: string) =>
      new Promise<CachedValue<any>>((resolve, reject) => {
        reads.push({ key, resolve, reject });
      }),
  );
  return { cache: { cached }, reads };
}

/** The answer of a read once it settles (undefined until then). */
function watch<T>(promise: Promise<SourceRead<T>>) {
  const seen: { answer?: SourceRead<T> } = {};
  promise.then(answer => {
    seen.answer = answer;
  });
  return seen;
}

const periods = { freshMs: 1000, ttlMs: 10_000 };
const load = async () => ({ n: 1 });

describe('createSourceReader', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('answers what the cache holds, stale or not, with when it was read', async () => {
    const { cache, reads } = fakeCache();
    const read = createSourceReader({ cache, periods, firstAnswerMs: 1000 });
    const fresh = read('k', 5000, load);
    reads[0].resolve({ value: { n: 1 }, fetchedAt: 'then', stale: false });
    await expect(fresh).resolves.toEqual({
      state: 'ok',
      value: { n: 1 },
      fetchedAt: 'then',
    });
    const stale = read('k', 5000, load);
    reads[1].resolve({ value: { n: 0 }, fetchedAt: 'before', stale: true });
    await expect(stale).resolves.toEqual({
      state: 'stale',
      value: { n: 0 },
      fetchedAt: 'before',
    });
    expect(cache.cached).toHaveBeenCalledWith('k', load, periods);
  });

  it('reports a failed load with its message', async () => {
    const { cache, reads } = fakeCache();
    const read = createSourceReader({ cache, periods, firstAnswerMs: 1000 });
    const answer = read('k', 5000, load);
    reads[0].reject(new Error('connection refused'));
    await expect(answer).resolves.toEqual({
      state: 'failed',
      message: 'connection refused',
    });
  });

  it('fails a source slower than its time limit; the read itself goes on', async () => {
    const { cache, reads } = fakeCache();
    // A budget no shorter than the time limit: the view waits for the source.
    const read = createSourceReader({ cache, periods, firstAnswerMs: 2000 });
    const seen = watch(read('k', 2000, load));
    await jest.advanceTimersByTimeAsync(1999);
    expect(seen.answer).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(seen.answer).toEqual({
      state: 'failed',
      message: 'no answer within 2 s',
    });
    // The late answer lands without a stray rejection or a second load.
    reads[0].resolve({ value: { n: 1 }, fetchedAt: 'later', stale: false });
    await jest.advanceTimersByTimeAsync(0);
    expect(cache.cached).toHaveBeenCalledTimes(1);
  });

  it('answers pending once the first-answer budget is spent', async () => {
    const { cache } = fakeCache();
    const read = createSourceReader({ cache, periods, firstAnswerMs: 1000 });
    const seen = watch(read('k', 5000, load));
    await jest.advanceTimersByTimeAsync(999);
    expect(seen.answer).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(seen.answer).toEqual({ state: 'pending' });
  });

  it('counts the budget from the request, not from the read', async () => {
    const { cache } = fakeCache();
    const read = createSourceReader({ cache, periods, firstAnswerMs: 1000 });
    jest.setSystemTime(700);
    const seen = watch(read('k', 5000, load, 0));
    await jest.advanceTimersByTimeAsync(300);
    expect(seen.answer).toEqual({ state: 'pending' });
  });

  it('shares the budget among the viewers of one running read, per key, until it ends', async () => {
    const { cache, reads } = fakeCache();
    const read = createSourceReader({ cache, periods, firstAnswerMs: 1000 });
    const first = watch(read('k', 5000, load));
    await jest.advanceTimersByTimeAsync(600);
    const second = watch(read('k', 5000, load));
    const otherKey = watch(read('other', 5000, load));
    await jest.advanceTimersByTimeAsync(400);
    expect(first.answer).toEqual({ state: 'pending' });
    // It came in while the read ran: it waits only what was left of the budget.
    expect(second.answer).toEqual({ state: 'pending' });
    expect(otherKey.answer).toBeUndefined();
    await jest.advanceTimersByTimeAsync(600);
    expect(otherKey.answer).toEqual({ state: 'pending' });

    // Once the read ends, the next one has a whole budget again.
    reads[0].resolve({ value: { n: 1 }, fetchedAt: 'now', stale: false });
    await jest.advanceTimersByTimeAsync(0);
    const third = watch(read('k', 5000, load));
    await jest.advanceTimersByTimeAsync(999);
    expect(third.answer).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(third.answer).toEqual({ state: 'pending' });
  });

  it('ends the shared budget when the read fails too', async () => {
    const { cache, reads } = fakeCache();
    const read = createSourceReader({ cache, periods, firstAnswerMs: 1000 });
    const first = watch(read('k', 5000, load));
    await jest.advanceTimersByTimeAsync(900);
    reads[0].reject(new Error('down'));
    await jest.advanceTimersByTimeAsync(0);
    expect(first.answer).toEqual({ state: 'failed', message: 'down' });
    const next = watch(read('k', 5000, load));
    await jest.advanceTimersByTimeAsync(999);
    expect(next.answer).toBeUndefined();
    await jest.advanceTimersByTimeAsync(1);
    expect(next.answer).toEqual({ state: 'pending' });
  });
});
