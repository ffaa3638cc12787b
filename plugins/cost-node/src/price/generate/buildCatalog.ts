import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse as parseYaml } from 'yaml';
import { PACKAGE_DIR } from '../../paths';
import { Cloud, Price, PriceSource, PricingCatalog } from '../types';
import { AzureKarpenterFile, pricesFromAzureKarpenter } from './azureKarpenter';
import { Ec2KarpenterFile, pricesFromEc2Karpenter } from './ec2Karpenter';
import { GcpCyclenerdFile, pricesFromGcpCyclenerd } from './gcpCyclenerd';
import { GoldenTable, pricesFromInfracostGolden } from './infracostGolden';
import {
  CloudPrices,
  Exclusion,
  LIVE_API,
  put,
  SourcePrices,
} from './sourceFile';

export { LIVE_API };

/** `plugins/cost-node/prices`: the catalog and what it is generated from. */
export const PRICES_DIR = path.join(PACKAGE_DIR, 'prices');

/** The id of the curated table's prices. */
export const CURATED = 'curated';

/**
 * `prices/curated.json`: the prices no machine-generated file gives, transcribed by hand,
 * each citing the public pricing page it was read from.
 */
export interface CuratedTable {
  about: string;
  /** The day they were transcribed. */
  retrievedAt: string;
  prices: Partial<
    Record<
      Cloud,
      Record<
        string,
        Record<string, { usd: number; unit: string; cite: string }>
      >
    >
  >;
}

/**
 * `prices/sources/live-api.json`, written by `./forja cost-prices` on a machine with
 * internet: the prices the clouds' price lists gave that day (absent in a clean checkout).
 */
export interface LiveTable {
  about: string;
  retrievedAt: string;
  prices: CloudPrices;
}

/** Everything the catalog is generated from. */
export interface CatalogInputs {
  /** Prices derived from Infracost's golden figures: under everything else. */
  golden?: SourcePrices;
  generated: SourcePrices[];
  curated: CuratedTable;
  live?: LiveTable;
}

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, 'utf8'));

/** The inputs under `prices/`: the three generated files, the curated table, live prices. */
export function readInputs(dir: string = PRICES_DIR): CatalogInputs {
  const sources = path.join(dir, 'sources');
  const live = path.join(sources, 'live-api.json');
  return {
    golden: pricesFromInfracostGolden(
      readJson<GoldenTable>(path.join(dir, 'infracost-golden.json')),
    ),
    generated: [
      pricesFromEc2Karpenter(
        readJson<Ec2KarpenterFile>(
          path.join(sources, 'aws-ec2-linux-ondemand.json'),
        ),
      ),
      pricesFromAzureKarpenter(
        readJson<AzureKarpenterFile>(
          path.join(sources, 'azure-vm-linux-payg.json'),
        ),
      ),
      pricesFromGcpCyclenerd(
        parseYaml(
          readFileSync(path.join(sources, 'gcp-pricing.yml'), 'utf8'),
        ) as GcpCyclenerdFile,
      ),
    ],
    curated: readJson<CuratedTable>(path.join(dir, 'curated.json')),
    live: existsSync(live) ? readJson<LiveTable>(live) : undefined,
  };
}

/** What a generation did besides the catalog: what it left out or replaced. */
export interface GenerationReport {
  /** Source file entries left out, per source id. */
  excluded: Record<string, Exclusion[]>;
  /** Curated prices a generated price replaced (`cloud region key`): drop them from the table. */
  superseded: string[];
}

const sorted = <T>(record: Record<string, T>): Record<string, T> =>
  Object.fromEntries(
    Object.keys(record)
      .sort()
      .map(key => [key, record[key]]),
  );

/**
 * The catalog from its inputs: the prices derived from Infracost's golden figures, the
 * curated table over them, then every generated file's prices over it, then the live
 * prices over those. Sorted and versioned by the newest source
 * date and a digest of the content, so the same inputs give the same bytes.
 */
export function buildCatalog(inputs: CatalogInputs): {
  catalog: PricingCatalog;
  report: GenerationReport;
} {
  const sources: Record<string, PriceSource> = {
    [CURATED]: {
      kind: 'curated',
      description: inputs.curated.about,
      retrievedAt: inputs.curated.retrievedAt,
      file: 'prices/curated.json',
    },
  };
  const prices: CloudPrices = {};
  const report: GenerationReport = { excluded: {}, superseded: [] };
  if (inputs.golden) {
    sources[inputs.golden.id] = inputs.golden.source;
    report.excluded[inputs.golden.id] = inputs.golden.excluded;
    for (const [cloud, regions] of Object.entries(inputs.golden.prices)) {
      for (const [region, keys] of Object.entries(regions)) {
        for (const [key, price] of Object.entries(keys)) {
          put(prices, cloud as Cloud, region, key, price);
        }
      }
    }
  }
  for (const [cloud, regions] of Object.entries(inputs.curated.prices)) {
    for (const [region, keys] of Object.entries(regions)) {
      for (const [key, { usd, unit, cite }] of Object.entries(keys)) {
        put(prices, cloud as Cloud, region, key, {
          usd,
          unit,
          source: CURATED,
          ref: cite,
        });
      }
    }
  }
  const layer = (id: string, layerPrices: CloudPrices) => {
    for (const [cloud, regions] of Object.entries(layerPrices)) {
      for (const [region, keys] of Object.entries(regions)) {
        for (const [key, price] of Object.entries(keys)) {
          const before = prices[cloud as Cloud]?.[region]?.[key];
          if (before?.source === CURATED && id !== LIVE_API) {
            report.superseded.push(`${cloud} ${region} ${key}`);
          }
          put(prices, cloud as Cloud, region, key, price);
        }
      }
    }
  };
  for (const part of inputs.generated) {
    sources[part.id] = part.source;
    report.excluded[part.id] = part.excluded;
    layer(part.id, part.prices);
  }
  if (inputs.live) {
    sources[LIVE_API] = {
      kind: 'api',
      description: inputs.live.about,
      retrievedAt: inputs.live.retrievedAt,
      file: 'prices/sources/live-api.json',
    };
    layer(LIVE_API, inputs.live.prices);
  }
  const sortedPrices: PricingCatalog['prices'] = {};
  for (const cloud of Object.keys(prices).sort() as Cloud[]) {
    sortedPrices[cloud] = Object.fromEntries(
      Object.keys(prices[cloud]!)
        .sort()
        .map(region => [region, sorted(prices[cloud]![region])]),
    );
  }
  const content = { sources: sorted(sources), prices: sortedPrices };
  const digest = createHash('sha256')
    .update(JSON.stringify(content))
    .digest('hex')
    .slice(0, 10);
  const newest = Object.values(sources)
    .map(s => s.retrievedAt)
    .sort()
    .at(-1);
  return {
    catalog: {
      version: `${newest}.${digest}`,
      notes:
        'Generated by `./forja cost-prices --generate` from prices/sources/ (machine-generated price files, see their README) and prices/curated.json (prices no such file gives). Do not edit: change the inputs and regenerate; `./forja cost-prices --check` says whether this file is current.',
      ...content,
    },
    report,
  };
}

/** The catalog from the inputs under `prices/`. */
export const generateCatalog = (dir: string = PRICES_DIR) =>
  buildCatalog(readInputs(dir));

/**
 * The catalog as written to `prices/catalog.json`: indented JSON, except one line per
 * price (tens of thousands of them), so a change of prices reads as a change of lines.
 */
export function serializeCatalog(catalog: PricingCatalog): string {
  const { prices, ...head } = catalog;
  const lines = [
    JSON.stringify(head, null, 2).replace(/\n}$/, ','),
    '  "prices": {',
  ];
  const clouds = Object.entries(prices);
  clouds.forEach(([cloud, regions], c) => {
    lines.push(`    ${JSON.stringify(cloud)}: {`);
    const entries = Object.entries(regions!);
    entries.forEach(([region, keys], r) => {
      lines.push(`      ${JSON.stringify(region)}: {`);
      const priced = Object.entries(keys);
      priced.forEach(([key, price], k) => {
        lines.push(
          `        ${JSON.stringify(key)}: ${JSON.stringify(price)}${
            k < priced.length - 1 ? ',' : ''
          }`,
        );
      });
      lines.push(`      }${r < entries.length - 1 ? ',' : ''}`);
    });
    lines.push(`    }${c < clouds.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}

const describePrice = (price: Price | undefined) =>
  price
    ? `${price.usd} per ${price.unit} (${price.source}${
        price.ref ? `: ${price.ref}` : ''
      })`
    : 'absent';

/**
 * How a committed catalog differs from a regeneration, first differences first: the
 * version, the sources, then prices (cloud, region, key) present, absent or changed.
 */
export function catalogDifferences(
  committed: PricingCatalog,
  regenerated: PricingCatalog,
  limit = 20,
): string[] {
  const differences: string[] = [];
  const note = (line: string) => {
    if (differences.length < limit) differences.push(line);
  };
  if (committed.version !== regenerated.version) {
    note(
      `version: committed ${committed.version}, regenerated ${regenerated.version}`,
    );
  }
  const ids = new Set([
    ...Object.keys(committed.sources ?? {}),
    ...Object.keys(regenerated.sources ?? {}),
  ]);
  for (const id of [...ids].sort()) {
    const a = JSON.stringify(committed.sources?.[id]);
    const b = JSON.stringify(regenerated.sources?.[id]);
    if (a !== b) note(`source ${id}: committed ${a}, regenerated ${b}`);
  }
  let count = 0;
  for (const cloud of ['aws', 'azure', 'gcp'] as Cloud[]) {
    const regions = new Set([
      ...Object.keys(committed.prices[cloud] ?? {}),
      ...Object.keys(regenerated.prices[cloud] ?? {}),
    ]);
    for (const region of [...regions].sort()) {
      const a = committed.prices[cloud]?.[region] ?? {};
      const b = regenerated.prices[cloud]?.[region] ?? {};
      for (const key of [
        ...new Set([...Object.keys(a), ...Object.keys(b)]),
      ].sort()) {
        if (JSON.stringify(a[key]) === JSON.stringify(b[key])) continue;
        count++;
        note(
          `${cloud} ${region} ${key}: committed ${describePrice(
            a[key],
          )}, regenerated ${describePrice(b[key])}`,
        );
      }
    }
  }
  if (count > 0 && differences.length >= limit) {
    differences.push(`... ${count} prices differ in all`);
  }
  return differences;
}

/** Prices per cloud and source kind (generated, curated, api), or per source id. */
export function countPrices(
  catalog: PricingCatalog,
  by: 'kind' | 'source' = 'kind',
): Record<string, Record<string, number>> {
  const counts: Record<string, Record<string, number>> = {};
  for (const [cloud, regions] of Object.entries(catalog.prices)) {
    for (const keys of Object.values(regions!)) {
      for (const price of Object.values(keys)) {
        const kind =
          by === 'source'
            ? price.source
            : catalog.sources?.[price.source]?.kind ?? price.source;
        counts[cloud] ??= {};
        counts[cloud][kind] = (counts[cloud][kind] ?? 0) + 1;
      }
    }
  }
  return counts;
}
