import {
  CachePeriods,
  JsonCompatible,
  SwrCache,
  upstreamStatus,
} from '@forja/plugin-forja-node';

/** A source's answer as read through the cache, or why there is none. */
export interface SourceRead<T> {
  state: 'ok' | 'stale' | 'pending' | 'failed';
  value?: T;
  fetchedAt?: string;
  message?: string;
}

/**
 * One source through the shared cache with its own time limit. A source slower than
 * its limit fails this view; its read goes on and lands in the cache for the next one.
 * `asked` is when the viewer's request came in (the first-answer budget counts from it).
 */
export type SourceReader = <T>(
  key: string,
  timeoutMs: number,
  load: () => Promise<T & JsonCompatible<T>>,
  asked?: number,
) => Promise<SourceRead<T>>;

export function createSourceReader(options: {
  cache: Pick<SwrCache, 'cached'>;
  periods: CachePeriods;
  /** How long a view waits for a source before it answers without it ('pending'). */
  firstAnswerMs: number;
}): SourceReader {
  const { cache, periods, firstAnswerMs } = options;
  // When each read still running began to be waited for: the first-answer budget is the
  // read's, not each viewer's (held only while the read runs).
  const waitedSince = new Map<string, number>();

  return async function read<T>(
    key: string,
    timeoutMs: number,
    load: () => Promise<T & JsonCompatible<T>>,
    asked = Date.now(),
  ): Promise<SourceRead<T>> {
    let timer: NodeJS.Timeout | undefined;
    let firstAnswer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${timeoutMs / 1000} s`)),
        timeoutMs,
      );
    });
    // A read still running after the first-answer budget goes on (one load for every
    // caller, bounded by its own time limit); this answer goes out without it. The budget
    // counts from the request (not after the catalog read), and a viewer arriving during
    // the read waits only what is left of it.
    const since = Math.min(waitedSince.get(key) ?? asked, asked);
    const budget = Math.max(0, firstAnswerMs - (Date.now() - since));
    const pending = new Promise<'pending'>(resolve => {
      if (firstAnswerMs < timeoutMs)
        firstAnswer = setTimeout(() => resolve('pending'), budget);
    });
    const reading = cache.cached(key, load, periods);
    if (!waitedSince.has(key)) {
      waitedSince.set(key, since);
      reading.then(
        () => waitedSince.delete(key),
        () => waitedSince.delete(key),
      );
    } else reading.catch(() => {});
    try {
      const hit = await Promise.race([reading, timeout, pending]);
      if (hit === 'pending') return { state: 'pending' };
      return {
        state: hit.stale ? 'stale' : 'ok',
        value: hit.value,
        fetchedAt: hit.fetchedAt,
      };
    } catch (error) {
      return { state: 'failed', message: upstreamStatus(error).message };
    } finally {
      clearTimeout(timer);
      clearTimeout(firstAnswer);
    }
  };
}
