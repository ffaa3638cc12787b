import { ConfigReader } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { readDurationMs } from './readDuration';

const read = (data: object, allowZero?: boolean) =>
  readDurationMs(new ConfigReader(data), 'x.cacheFresh', {
    deprecated: { key: 'x.cacheFreshSeconds', unit: 'seconds' },
    defaultValue: { seconds: 15 },
    allowZero,
  });

const error = (fn: () => unknown): Error => {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('no error thrown');
};

describe('readDurationMs', () => {
  it.each([
    [{ seconds: 10 }, 10_000],
    [{ minutes: 1, milliseconds: 500 }, 60_500],
    ['10s', 10_000],
    ['2 minutes', 120_000],
    ['250ms', 250],
    ['PT10S', 10_000],
    ['P1D', 86_400_000],
    ['PT0.5S', 500],
  ])('reads %j as Backstage does', (value, ms) => {
    expect(read({ x: { cacheFresh: value } })).toBe(ms);
  });

  it('reads the deprecated numeric key in its unit', () => {
    expect(read({ x: { cacheFreshSeconds: 30 } })).toBe(30_000);
    expect(read({ x: { cacheFreshSeconds: 0.5 } })).toBe(500);
    // A substituted environment variable is a string.
    expect(read({ x: { cacheFreshSeconds: '30' } })).toBe(30_000);
    for (const [unit, ms] of [
      ['milliseconds', 30],
      ['days', 30 * 86_400_000],
    ] as const) {
      expect(
        readDurationMs(new ConfigReader({ timeoutOld: 30 }), 'timeout', {
          deprecated: { key: 'timeoutOld', unit },
          defaultValue: { seconds: 1 },
        }),
      ).toBe(ms);
    }
  });

  it('prefers the new key when both are set', () => {
    expect(read({ x: { cacheFresh: '1m', cacheFreshSeconds: 30 } })).toBe(
      60_000,
    );
  });

  it('falls back to the default', () => {
    expect(read({})).toBe(15_000);
    expect(read({ x: {} })).toBe(15_000);
  });

  it.each([
    [{ cacheFresh: 30 }, /x\.cacheFresh must be a duration with a unit/],
    [{ cacheFresh: '30' }, /x\.cacheFresh must be a duration.*plain number/],
    [
      { cacheFresh: 'soon' },
      /x\.cacheFresh must be a duration.*got "soon": Not a valid/,
    ],
    [{ cacheFresh: 'PTxS' }, /x\.cacheFresh must be a duration.*: Invalid ISO/],
    [{ cacheFresh: { secs: 3 } }, /x\.cacheFresh must be a duration.*"secs"/],
    [{ cacheFresh: '-5s' }, /x\.cacheFresh must be a duration/],
    [{ cacheFresh: { seconds: -5 } }, /x\.cacheFresh must be a positive/],
    [{ cacheFresh: '-PT5S' }, /x\.cacheFresh must be a duration/],
    [{ cacheFresh: 'P-1D' }, /x\.cacheFresh must be a positive/],
    [{ cacheFresh: '0s' }, /x\.cacheFresh must be a positive duration/],
    [{ cacheFresh: { seconds: 0 } }, /x\.cacheFresh must be a positive/],
    [{ cacheFreshSeconds: 0 }, /x\.cacheFreshSeconds must be a positive/],
    [{ cacheFreshSeconds: -1 }, /x\.cacheFreshSeconds must be a positive/],
    [{ cacheFreshSeconds: 'soon' }, /x\.cacheFreshSeconds must be a number/],
  ])('refuses %j with an InputError naming the key', (x, message) => {
    const e = error(() => read({ x }));
    expect(e).toBeInstanceOf(InputError);
    expect(e.message).toMatch(message);
    expect(e.message).not.toMatch(/Error: /);
  });

  it('accepts zero where the key allows it, never a negative duration', () => {
    expect(read({ x: { cacheFresh: '0ms' } }, true)).toBe(0);
    expect(read({ x: { cacheFresh: 'PT0S' } }, true)).toBe(0);
    expect(read({ x: { cacheFreshSeconds: 0 } }, true)).toBe(0);
    expect(
      error(() => read({ x: { cacheFresh: '-1s' } }, true)),
    ).toBeInstanceOf(InputError);
    expect(
      error(() => read({ x: { cacheFreshSeconds: -1 } }, true)).message,
    ).toMatch(/x\.cacheFreshSeconds must be a non-negative duration, got -1/);
  });
});
