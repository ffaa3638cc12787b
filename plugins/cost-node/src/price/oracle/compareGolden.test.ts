import { readFileSync } from 'node:fs';
import path from 'node:path';
import { loadCatalog } from '../catalog';
import { PRICES_DIR } from '../generate/buildCatalog';
import { GoldenTable } from '../generate/infracostGolden';
import { compareWithGolden, GoldenComparison } from './compareGolden';
import { KNOWN_DIFFERENCES, knownDifference } from './knownDifferences';

const golden: GoldenTable = JSON.parse(
  readFileSync(path.join(PRICES_DIR, 'infracost-golden.json'), 'utf8'),
);

describe('Forja beside the Infracost golden files', () => {
  let comparisons: GoldenComparison[];
  beforeAll(async () => {
    comparisons = await compareWithGolden(golden, loadCatalog());
  }, 120_000);

  it('computes what Infracost computes, within 1%, or says why not', () => {
    expect(comparisons.length).toBeGreaterThan(200);
    const undocumented = comparisons
      .filter(c => c.status !== 'match' && !knownDifference(c))
      .map(
        c =>
          `${c.status}: ${c.address} ${c.priceKey} (${c.region}) Infracost $${
            c.infracost
          }, Forja ${c.forja === undefined ? '-' : `$${c.forja}`}`,
      );
    expect(undocumented).toEqual([]);
  });

  it('documents no difference that has gone away', () => {
    const stale = Object.keys(KNOWN_DIFFERENCES).filter(key =>
      comparisons
        .filter(c =>
          [
            `${c.address} ${c.priceKey}`,
            `${c.address.split('.')[0]} ${c.priceKey}`,
          ].includes(key),
        )
        .every(c => c.status === 'match'),
    );
    expect(stale).toEqual([]);
  });
});
