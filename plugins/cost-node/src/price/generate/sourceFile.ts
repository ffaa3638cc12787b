import { Cloud, Price, PriceSource } from '../types';

/** The source id of prices `./forja cost-prices` read from the clouds' price APIs. */
export const LIVE_API = 'live-api';

/** Prices per cloud, region and key. */
export type CloudPrices = Partial<
  Record<Cloud, Record<string, Record<string, Price>>>
>;

/** Where a generated price file kept in `prices/sources/` came from. */
export interface Upstream {
  /** The id its prices name as their source. */
  id: string;
  /** The file, relative to `plugins/cost-node`. */
  file: string;
  /** The repository, path and commit it was generated at, and its license. */
  repository: string;
  path: string;
  commit: string;
  license: string;
}

/** An entry of a source file left out of the catalog, and why. */
export interface Exclusion {
  region?: string;
  name: string;
  reason: string;
}

/** What one source gives: its provenance, its prices under Forja's keys, what it left out. */
export interface SourcePrices {
  id: string;
  source: PriceSource;
  prices: CloudPrices;
  excluded: Exclusion[];
}

/** Adds a price under cloud, region and key. */
export function put(
  prices: CloudPrices,
  cloud: Cloud,
  region: string,
  key: string,
  price: Price,
) {
  ((prices[cloud] ??= {})[region] ??= {})[key] = price;
}

/** `2026-07-20T13:44:30Z` (or a Unix timestamp in seconds) -> `2026-07-20`. */
export function isoDate(value: string | number): string {
  const date = new Date(typeof value === 'number' ? value * 1000 : value);
  if (Number.isNaN(date.getTime())) {
    throw new Error(`not a date: ${value}`);
  }
  return date.toISOString().slice(0, 10);
}

/** The provenance of a generated file's prices: its upstream and generation date. */
export function generatedSource(
  upstream: Upstream,
  description: string,
  retrievedAt: string,
): PriceSource {
  return {
    kind: 'generated',
    description,
    retrievedAt,
    file: upstream.file,
    repository: upstream.repository,
    path: upstream.path,
    commit: upstream.commit,
    license: upstream.license,
  };
}

/** A price computed from a source's figure, without floating-point noise. */
export const derived = (usd: number) => Number(usd.toPrecision(12));

/** A usable list price: a positive, finite number. */
export const isPrice = (usd: unknown): usd is number =>
  typeof usd === 'number' && Number.isFinite(usd) && usd > 0;

/**
 * Checks that a file's own statement of its origin names the upstream Forja records for
 * it: a file replaced by a newer generation must come with its new commit and date.
 */
export function checkProvenance(
  upstream: Upstream,
  statement: string,
  expected: string[],
) {
  const missing = expected.filter(part => !statement.includes(part));
  if (missing.length) {
    throw new Error(
      `${upstream.file} says it comes from "${statement}", not ${missing.join(
        ', ',
      )}: update its upstream in src/price/generate and prices/sources/README.md`,
    );
  }
}
