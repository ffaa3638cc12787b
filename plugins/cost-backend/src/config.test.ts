import { ConfigReader } from '@backstage/config';
import { readCostConfig } from './config';

const durations = (cost: object) => {
  const { revalidateMs, maxPriceAgeDays } = readCostConfig(
    new ConfigReader({ cost }),
  );
  return { revalidateMs, maxPriceAgeDays };
};

describe('readCostConfig durations', () => {
  it('defaults to checking a source every 30 s and flagging prices past 180 days', () => {
    expect(durations({})).toEqual({
      revalidateMs: 30_000,
      maxPriceAgeDays: 180,
    });
  });

  it.each([
    [
      'HumanDuration objects',
      { revalidateAfter: { minutes: 2 }, maxPriceAge: { days: 90 } },
    ],
    ['ms-style strings', { revalidateAfter: '2m', maxPriceAge: '90d' }],
    ['ISO 8601 durations', { revalidateAfter: 'PT2M', maxPriceAge: 'P90D' }],
  ])('reads %s', (_, cost) => {
    expect(durations(cost)).toEqual({
      revalidateMs: 120_000,
      maxPriceAgeDays: 90,
    });
  });

  it('reads a price age in other units as days', () => {
    expect(durations({ maxPriceAge: '36h' }).maxPriceAgeDays).toBe(1.5);
    expect(durations({ maxPriceAge: { weeks: 2 } }).maxPriceAgeDays).toBe(14);
  });

  it('still reads the deprecated revalidateSeconds and maxPriceAgeDays', () => {
    expect(durations({ revalidateSeconds: 120, maxPriceAgeDays: 90 })).toEqual({
      revalidateMs: 120_000,
      maxPriceAgeDays: 90,
    });
  });

  it('prefers the new key when both are set', () => {
    expect(
      durations({
        revalidateAfter: '1m',
        revalidateSeconds: 120,
        maxPriceAge: '30d',
        maxPriceAgeDays: 90,
      }),
    ).toEqual({ revalidateMs: 60_000, maxPriceAgeDays: 30 });
  });

  it('checks the source on every request with revalidateAfter 0', () => {
    expect(durations({ revalidateAfter: '0ms' }).revalidateMs).toBe(0);
    expect(durations({ revalidateSeconds: 0 }).revalidateMs).toBe(0);
  });

  it.each([
    [{ revalidateAfter: 30 }, 'cost.revalidateAfter must be a duration'],
    [{ revalidateAfter: 'often' }, 'cost.revalidateAfter must be a duration'],
    [
      { revalidateAfter: { seconds: -1 } },
      'cost.revalidateAfter must be a non-negative',
    ],
    [
      { revalidateSeconds: -5 },
      'cost.revalidateSeconds must be a non-negative',
    ],
    [{ maxPriceAge: 180 }, 'cost.maxPriceAge must be a duration'],
    [{ maxPriceAge: 'P0D' }, 'cost.maxPriceAge must be a positive'],
    [{ maxPriceAgeDays: 0 }, 'cost.maxPriceAgeDays must be a positive'],
  ])('fails at start-up naming the key: %j', (cost, message) => {
    expect(() => durations(cost)).toThrow(message);
  });
});
