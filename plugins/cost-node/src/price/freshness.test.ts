import { ageInDays, describeSource, priceFreshness } from './freshness';
import { PriceSourceUse } from './pricesUsed';

const NOW = new Date('2026-12-04T15:00:00Z');

const generated: PriceSourceUse = {
  id: 'ec2-karpenter',
  kind: 'generated',
  retrievedAt: '2026-07-20',
  repository: 'github.com/aws/karpenter-provider-aws',
  path: 'pkg/providers/pricing/zz_generated.pricing_aws.go',
  commit: '1d927085dd81a9df9301e613f371dac5b4d16bfe',
  components: 3,
};
const curated: PriceSourceUse = {
  id: 'curated',
  kind: 'curated',
  retrievedAt: '2026-11-24',
  file: 'prices/curated.json',
  components: 1,
};

describe('price freshness', () => {
  it('counts whole days from the retrieval date', () => {
    expect(ageInDays('2026-12-04', NOW)).toBe(0);
    expect(ageInDays('2026-07-20', NOW)).toBe(137);
  });

  it('dates an estimate by its oldest source and flags it past the allowed age', () => {
    expect(
      priceFreshness([curated, generated], { maxAgeDays: 180, now: NOW }),
    ).toMatchObject({
      retrievedAt: '2026-07-20',
      ageDays: 137,
      stale: false,
    });
    expect(
      priceFreshness([curated, generated], { maxAgeDays: 90, now: NOW }),
    ).toMatchObject({ ageDays: 137, maxAgeDays: 90, stale: true });
    expect(priceFreshness([])).toBeUndefined();
  });

  it('names where each source came from', () => {
    expect(describeSource(generated, NOW)).toBe(
      'ec2-karpenter (generated, 2026-07-20, 137 days old; 3 components) from github.com/aws/karpenter-provider-aws pkg/providers/pricing/zz_generated.pricing_aws.go at 1d92708',
    );
    expect(describeSource(curated, NOW)).toBe(
      'curated (curated, 2026-11-24, 10 days old; 1 component) from prices/curated.json',
    );
  });
});
