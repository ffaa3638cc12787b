import { mergeCatalog } from './refreshCatalog';

describe('mergeCatalog', () => {
  it('replaces what the lists gave and lists what it kept', () => {
    const price = (usd: number, source: string) => ({
      usd,
      unit: 'h',
      source,
      retrievedAt: source === 'old' ? '2026-01-01' : '2026-11-24',
    });
    const { catalog, kept } = mergeCatalog(
      {
        version: 'old',
        prices: {
          aws: {
            'us-east-1': {
              'eks:cluster': price(0.1, 'old'),
              'mq:x': price(1, 'old'),
            },
          },
        },
      },
      { aws: { 'us-east-1': { 'eks:cluster': price(0.11, 'new') } } },
      '2026-11-24',
    );
    expect(catalog.version).toBe('2026-11-24');
    expect(catalog.prices.aws!['us-east-1']).toEqual({
      'eks:cluster': price(0.11, 'new'),
      'mq:x': price(1, 'old'),
    });
    expect(kept).toEqual(['aws us-east-1 mq:x']);
  });
});
