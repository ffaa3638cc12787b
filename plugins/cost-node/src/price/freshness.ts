import { PriceSourceUse } from './pricesUsed';
import type { PriceFreshness } from '@forja/plugin-cost-common';

export type { PriceFreshness };

/** Prices older than this are flagged unless configured otherwise: cloud list prices move a few times a year. */
export const DEFAULT_MAX_PRICE_AGE_DAYS = 180;

const DAY_MS = 24 * 60 * 60 * 1000;

/** Whole days from an ISO date (`2026-06-18`) to `now`. */
export function ageInDays(date: string, now: Date = new Date()): number {
  return Math.max(
    0,
    Math.floor(
      (now.getTime() - Date.parse(`${date.slice(0, 10)}T00:00:00Z`)) / DAY_MS,
    ),
  );
}

export function priceFreshness(
  sources: PriceSourceUse[],
  options: { maxAgeDays?: number; now?: Date } = {},
): PriceFreshness | undefined {
  const dated = sources.filter(s => s.retrievedAt);
  if (!dated.length) return undefined;
  const retrievedAt = dated.map(s => s.retrievedAt!).sort()[0];
  const maxAgeDays = options.maxAgeDays ?? DEFAULT_MAX_PRICE_AGE_DAYS;
  const ageDays = ageInDays(retrievedAt, options.now);
  return {
    retrievedAt,
    ageDays,
    maxAgeDays,
    stale: ageDays > maxAgeDays,
    sources,
  };
}

/** One line per source: `ec2-karpenter (generated 2026-07-20, 137 days old): ... github.com/aws/... pkg/... at 1d92708`. */
export function describeSource(source: PriceSourceUse, now?: Date): string {
  const age = source.retrievedAt
    ? `${source.retrievedAt}, ${ageInDays(source.retrievedAt, now)} days old`
    : 'undated';
  let origin = source.file ? ` from ${source.file}` : '';
  if (source.repository) {
    origin = ` from ${source.repository} ${source.path ?? ''} at ${(
      source.commit ?? ''
    ).slice(0, 7)}`.trimEnd();
  }
  return `${source.id} (${source.kind ?? 'price'}, ${age}; ${
    source.components
  } component${source.components === 1 ? '' : 's'})${origin}`;
}
