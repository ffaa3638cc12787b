import { environmentCost } from './rollup';
import { testEstimate } from './__testUtils__/testEstimate';
import { pricesOf } from './priceFreshness';

const environment = (name: string, retrievedAt: string[]) =>
  environmentCost(name, [
    {
      identity: name,
      status: 'ok',
      estimate: testEstimate('1.00', { retrievedAt }),
      computedAt: '2026-12-01T00:00:00.000Z',
    },
  ]);

describe('pricesOf', () => {
  const now = new Date('2026-12-05T12:00:00Z');

  it('dates the total by its oldest prices and flags them past the limit', () => {
    const prices = pricesOf(
      [
        environment('dev', ['2026-11-30']),
        environment('prod', ['2026-06-01', '2026-12-01']),
        environmentCost('qa', [{ identity: 'x', status: 'failed' }]),
      ],
      { maxAgeDays: 180, now },
    );
    expect(prices.pricesRetrievedAt).toBe('2026-06-01');
    expect(prices.priceFreshness).toMatchObject({
      retrievedAt: '2026-06-01',
      ageDays: 187,
      maxAgeDays: 180,
      stale: true,
    });
    expect(prices.priceFreshness?.sources.length).toBeGreaterThan(0);
  });

  it('is fresh within the limit, a fraction of a day included', () => {
    expect(
      pricesOf([environment('dev', ['2026-12-05'])], { maxAgeDays: 0.5, now })
        .priceFreshness,
    ).toMatchObject({ ageDays: 0, stale: false });
  });

  it('says nothing without dated prices', () => {
    expect(
      pricesOf([environment('dev', [])], { maxAgeDays: 180, now }),
    ).toEqual({ pricesRetrievedAt: undefined, priceFreshness: undefined });
    expect(pricesOf([], { maxAgeDays: 180, now })).toEqual({
      pricesRetrievedAt: undefined,
      priceFreshness: undefined,
    });
  });
});
