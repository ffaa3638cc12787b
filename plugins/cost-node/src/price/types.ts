import { Value } from '../hcl/expression';
import type { Cloud, PriceSource } from '@forja/plugin-cost-common';

export type { Cloud, PriceSource };

/** One price: what one unit costs, and which of the catalog's sources it came from. */
export interface Price {
  /** USD per unit. */
  usd: number;
  unit: string;
  /** The id of its source in the catalog's `sources` (`ec2-karpenter`, `curated`...). */
  source: string;
  /**
   * Where in that source, when the source alone does not say: the pricing page a curated
   * price was transcribed from, the SKU a price list gave, how a price was derived.
   */
  ref?: string;
  /**
   * When this price was read, where it differs from its source's date (a golden file's
   * last change); catalogs without a `sources` table dated each price.
   */
  retrievedAt?: string;
}

/** Prices per cloud, region and price key (such as `ec2:t3.micro`). */
export interface PricingCatalog {
  version: string;
  notes?: string;
  /** Provenance of the prices, by the id each price names. */
  sources?: Record<string, PriceSource>;
  prices: Partial<Record<Cloud, Record<string, Record<string, Price>>>>;
}

/** The date a price was read: its own when it has one, else its source's. */
export const priceDate = (
  catalog: PricingCatalog,
  price: Price,
): string | undefined =>
  price.retrievedAt ?? catalog.sources?.[price.source]?.retrievedAt;

/** A cost component before pricing: a quantity of a priced key. */
export interface ComponentRequest {
  name: string;
  unit: string;
  /** Quantity per month; undefined when it depends on usage nobody gave. */
  monthlyQuantity?: number;
  priceKey: string;
  usageBased: boolean;
}

/** Infracost's usage file: per resource address (or type), usage values. */
export type UsageFile = {
  version?: string;
  resource_usage?: Record<string, Record<string, number>>;
  resource_type_default_usage?: Record<string, Record<string, number>>;
};

export type Attributes = Record<string, Value>;

/** Hours in a month, as Infracost and the clouds' calculators count them. */
export const HOURS_PER_MONTH = 730;
