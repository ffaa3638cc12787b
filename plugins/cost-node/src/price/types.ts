import { Value } from '../hcl/expression';

/** One price: what one unit costs, where it came from and when. */
export interface Price {
  /** USD per unit. */
  usd: number;
  unit: string;
  /** Where the price was read (a Price List offer file, the Retail Prices API...). */
  source: string;
  /** ISO date the price was read. */
  retrievedAt: string;
}

/** Prices per cloud, region and price key (such as `ec2:t3.micro`). */
export interface PricingCatalog {
  version: string;
  prices: Partial<Record<Cloud, Record<string, Record<string, Price>>>>;
}

/** A cost component before pricing: a quantity of a priced key. */
export interface ComponentRequest {
  name: string;
  unit: string;
  /** Quantity per month; undefined when it depends on usage nobody gave. */
  monthlyQuantity?: number;
  priceKey: string;
  usageBased: boolean;
}

export type Cloud = 'aws' | 'azure' | 'gcp';

/** Infracost's usage file: per resource address (or type), usage values. */
export type UsageFile = {
  version?: string;
  resource_usage?: Record<string, Record<string, number>>;
  resource_type_default_usage?: Record<string, Record<string, number>>;
};

export type Attributes = Record<string, Value>;

/** Hours in a month, as Infracost and the clouds' calculators count them. */
export const HOURS_PER_MONTH = 730;
