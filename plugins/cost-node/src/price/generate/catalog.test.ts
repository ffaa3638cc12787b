import { readFileSync } from 'node:fs';
import path from 'node:path';
import { BUNDLED_CATALOG_PATH, loadCatalog } from '../catalog';
import { AZURE_KARPENTER } from './azureKarpenter';
import {
  catalogDifferences,
  countPrices,
  CURATED,
  generateCatalog,
  PRICES_DIR,
  serializeCatalog,
} from './buildCatalog';
import { checkCatalog } from './command';
import { EC2_KARPENTER } from './ec2Karpenter';
import { GCP_CYCLENERD } from './gcpCyclenerd';

// One regeneration for the whole file (it reads about 6 MB of sources).
const { catalog, report } = generateCatalog();

describe('the pricing catalog', () => {
  it('is the regeneration of prices/sources and prices/curated.json (./forja cost-prices --check)', () => {
    // Run `./forja cost-prices --generate` after changing an input or the generator.
    expect(checkCatalog(BUNDLED_CATALOG_PATH, PRICES_DIR, catalog)).toEqual([]);
  });

  it('names the first differences of a catalog that is not current', () => {
    const stale = JSON.parse(serializeCatalog(catalog));
    stale.prices.aws['us-east-1']['ec2:m5.large'].usd = 0.1;
    delete stale.prices.azure.westeurope['vm:Standard_D2s_v3'];
    expect(catalogDifferences(stale, catalog)).toEqual([
      'aws us-east-1 ec2:m5.large: committed 0.1 per hour (ec2-karpenter), regenerated 0.096 per hour (ec2-karpenter)',
      'azure westeurope vm:Standard_D2s_v3: committed absent, regenerated 0.12 per hour (azure-karpenter)',
    ]);
  });

  it('has no curated price a generated file gives, and every curated price cites its page', () => {
    expect(report.superseded).toEqual([]);
    const unsourced: string[] = [];
    for (const [cloud, regions] of Object.entries(catalog.prices)) {
      for (const [region, prices] of Object.entries(regions!)) {
        for (const [key, price] of Object.entries(prices)) {
          const known = catalog.sources![price.source] !== undefined;
          const cited =
            price.source !== CURATED || /^https:\/\//.test(price.ref ?? '');
          if (!known || !cited) unsourced.push(`${cloud} ${region} ${key}`);
        }
      }
    }
    expect(unsourced).toEqual([]);
  });

  it('counts its prices per cloud and kind of source', () => {
    const counts = countPrices(catalog);
    expect(counts.aws.generated).toBeGreaterThan(1000);
    expect(counts.azure.generated).toBeGreaterThan(50000);
    expect(counts.gcp.generated).toBeGreaterThan(15000);
    expect(Object.keys(catalog.prices.azure!)).toContain('westeurope');
  });

  it('records the upstream the sources README lists for each file', () => {
    const readme = readFileSync(
      path.join(PRICES_DIR, 'sources', 'README.md'),
      'utf8',
    );
    for (const upstream of [EC2_KARPENTER, AZURE_KARPENTER, GCP_CYCLENERD]) {
      const row = readme
        .split('\n')
        .find(line => line.startsWith(`| \`${path.basename(upstream.file)}\``));
      expect(row).toContain(`\`${upstream.id}\``);
      expect(row).toContain(upstream.repository.replace('github.com/', ''));
      expect(row).toContain(`\`${upstream.path}\``);
      expect(row).toContain(`\`${upstream.commit}\``);
      expect(row).toContain(catalog.sources![upstream.id].retrievedAt);
      expect(row).toContain(upstream.license);
    }
  });

  it('is what loadCatalog reads', () => {
    expect(loadCatalog().version).toBe(catalog.version);
  });
});
