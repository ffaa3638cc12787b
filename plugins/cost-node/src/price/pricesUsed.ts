import { Price, PricingCatalog, priceDate } from './types';
import type { PriceSourceUse } from '@forja/plugin-cost-common';

export type { PriceSourceUse };

const sortSources = (sources: PriceSourceUse[]) =>
  sources.sort(
    (a, b) =>
      (a.retrievedAt ?? '').localeCompare(b.retrievedAt ?? '') ||
      a.id.localeCompare(b.id),
  );

/** Counts, while an estimate is priced, which of the catalog's sources its prices came from. */
export class PricesUsed {
  private readonly counts = new Map<
    string,
    { components: number; retrievedAt?: string }
  >();

  constructor(private readonly catalog: PricingCatalog) {}

  add(price: Price): void {
    const date = priceDate(this.catalog, price);
    const entry = this.counts.get(price.source) ?? {
      components: 0,
      retrievedAt: date,
    };
    entry.components++;
    // A source whose prices carry their own dates is as old as the oldest one used.
    if (date && (!entry.retrievedAt || date < entry.retrievedAt))
      entry.retrievedAt = date;
    this.counts.set(price.source, entry);
  }

  /** The sources used, oldest first. */
  sources(): PriceSourceUse[] {
    return sortSources(
      [...this.counts].map(([id, { components, retrievedAt }]) => ({
        ...this.catalog.sources?.[id],
        id,
        retrievedAt,
        components,
      })),
    );
  }
}

/** The sources of several estimates as one list, components added up per source. */
export function mergeSources(lists: PriceSourceUse[][]): PriceSourceUse[] {
  const merged = new Map<string, PriceSourceUse>();
  for (const source of lists.flat()) {
    const seen = merged.get(source.id);
    merged.set(
      source.id,
      seen
        ? { ...seen, components: seen.components + source.components }
        : { ...source },
    );
  }
  return sortSources([...merged.values()]);
}

/** The oldest retrieval date among sources. */
export const oldestDate = (sources: PriceSourceUse[]): string | undefined =>
  sources
    .map(s => s.retrievedAt)
    .filter((d): d is string => !!d)
    .sort()[0];
