import { Cloud, HOURS_PER_MONTH } from '../types';
import { CloudPrices, Exclusion, put, SourcePrices } from './sourceFile';

/** The id of prices derived from Infracost's golden test figures. */
export const INFRACOST_GOLDEN = 'infracost-golden';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** One golden resource restated: its attributes, blocks, usage and Infracost's rows. */
export interface GoldenCase {
  golden: string;
  address: string;
  region: string;
  type: string;
  attributes: Record<string, Json>;
  blocks?: Record<string, Array<Record<string, Json>>>;
  usage?: Record<string, number>;
  rows: GoldenRow[];
}

export interface GoldenRow {
  name: string;
  quantity: number;
  unit: string;
  monthlyCost: number;
  /** The Forja price key(s) of the component Infracost priced in this row. */
  priceKey?: string | string[];
  /** Why Forja has no such component. */
  forja?: string;
  /** Why the row's cost ÷ quantity is not a unit price (a quantity shown per broker). */
  notAPrice?: string;
}

/** `prices/infracost-golden.json`. */
export interface GoldenTable {
  about: string;
  repository: string;
  commit: string;
  license: string;
  /** The day each golden file last changed: the date of its figures. */
  goldenDates: Record<string, string>;
  cases: GoldenCase[];
}

const CLOUD_OF: Record<string, Cloud> = {
  aws: 'aws',
  azurerm: 'azure',
  google: 'gcp',
};

/**
 * Units Infracost shows as an hourly quantity (messaging units, Fargate vCPU and GB,
 * Memorystore GB, load balancer capacity units) whose cost is that quantity × 730 × the
 * hourly price; every other unit is the quantity the price is quoted in.
 */
const HOURLY_QUANTITY = (key: string, unit: string) =>
  ['units', 'CPU', 'LCU'].includes(unit) ||
  key.startsWith('memorystore:') ||
  key === 'fargate:gb';

/** Keys whose golden rows cannot give Forja's unit price. */
const NOT_DERIVED: Array<[RegExp, string]> = [
  [
    /^redis:/,
    'Infracost prices each node; Forja a cache (its primary and replica)',
  ],
  [/^blob:/, 'tiered capacity'],
  [/^servicebus:standard:ops$/, 'tiered operations'],
];

/**
 * Unit prices from Infracost's golden test figures (monthly cost ÷ monthly quantity) for
 * every row that names one Forja key once in its case, dated by the golden file's last
 * change. They come under the curated table and the generated files: only a price nothing
 * else gives is taken from here.
 */
export function pricesFromInfracostGolden(table: GoldenTable): SourcePrices {
  const prices: CloudPrices = {};
  const excluded: Exclusion[] = [];
  const best = new Map<string, number>();
  for (const c of table.cases) {
    const cloud = CLOUD_OF[c.type.split('_')[0]];
    const keys = c.rows.flatMap(r =>
      typeof r.priceKey === 'string' ? [r.priceKey] : [],
    );
    for (const row of c.rows) {
      const key = row.priceKey;
      if (typeof key !== 'string' || !cloud) continue;
      const skip =
        row.notAPrice ??
        (keys.filter(k => k === key).length > 1
          ? 'several rows (tiers) for one key'
          : NOT_DERIVED.find(([pattern]) => pattern.test(key))?.[1] ??
            (row.quantity > 0 && row.monthlyCost > 0
              ? undefined
              : 'no quantity or cost'));
      if (skip) {
        excluded.push({
          region: c.region,
          name: `${c.address} ${key}`,
          reason: skip,
        });
        continue;
      }
      const id = `${cloud} ${c.region} ${key}`;
      // The largest figure carries the least rounding.
      if ((best.get(id) ?? 0) >= row.monthlyCost) continue;
      best.set(id, row.monthlyCost);
      const perUnit = HOURLY_QUANTITY(key, row.unit)
        ? row.quantity * HOURS_PER_MONTH
        : row.quantity;
      put(prices, cloud, c.region, key, {
        usd: Number((row.monthlyCost / perUnit).toPrecision(6)),
        unit: HOURLY_QUANTITY(key, row.unit) ? `${row.unit}-hour` : row.unit,
        source: INFRACOST_GOLDEN,
        ref: `${c.golden} ${c.address}: "${row.name}" ${row.quantity} ${row.unit} $${row.monthlyCost}`,
        retrievedAt: table.goldenDates[c.golden],
      });
    }
  }
  const dates = Object.values(table.goldenDates).sort();
  return {
    id: INFRACOST_GOLDEN,
    source: {
      kind: 'generated',
      description:
        "Unit prices derived from Infracost's golden test figures (a row's monthly cost ÷ its monthly quantity), computed by Infracost from the clouds' price lists; each price is dated by its golden file's last change",
      retrievedAt: dates[0],
      file: 'prices/infracost-golden.json',
      repository: table.repository,
      path: 'internal/providers/terraform/*/testdata/*/*.golden',
      commit: table.commit,
      license: table.license,
    },
    prices,
    excluded,
  };
}
