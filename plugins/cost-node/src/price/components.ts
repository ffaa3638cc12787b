import { Value } from '../hcl/expression';
import { Attributes, ComponentRequest, HOURS_PER_MONTH } from './types';

export const num = (v: Value | undefined, fallback?: number) =>
  typeof v === 'number' ? v : fallback;
export const str = (v: Value | undefined, fallback?: string) =>
  typeof v === 'string' ? v : fallback;

/** The first nested block of that name (blocks are lists of objects). */
export const firstBlock = (v: Value | undefined): Attributes =>
  (Array.isArray(v) && v[0] && typeof v[0] === 'object' && !Array.isArray(v[0])
    ? v[0]
    : {}) as Attributes;

/** Something billed by the hour for the whole month. */
export const hourly = (
  name: string,
  priceKey: string,
  count = 1,
): ComponentRequest => ({
  name,
  unit: 'hours',
  monthlyQuantity: HOURS_PER_MONTH * count,
  priceKey,
  usageBased: false,
});

/** A fixed monthly quantity (provisioned GB, disks, days). */
export const monthly = (
  name: string,
  unit: string,
  priceKey: string,
  quantity: number | undefined,
): ComponentRequest => ({
  name,
  unit,
  monthlyQuantity: quantity,
  priceKey,
  usageBased: false,
});

/** A quantity read from the usage file (or Forja's documented default). */
export const usage = (
  name: string,
  unit: string,
  priceKey: string,
  quantity: number | undefined,
): ComponentRequest => ({
  ...monthly(name, unit, priceKey, quantity),
  usageBased: true,
});

/** A usage value in the unit its price is quoted in (per million, per thousand...). */
export const scaled = (value: number | undefined, factor: number) =>
  value === undefined ? undefined : value * factor;

/** The resource's usage values: the usage file's over Forja's defaults. */
export type Usage = Record<string, number>;

/**
 * A resource type's cost components. A string is the reason the resource cannot be
 * priced (a value only apply would know, an unsupported mode).
 */
export type Pricer = (
  a: Attributes,
  usage: Usage,
) => ComponentRequest[] | string;

export interface CloudPricing {
  cloud: 'aws' | 'azure' | 'gcp';
  pricers: Record<string, Pricer>;
  /** Resource types that cost nothing by themselves (networking glue, IAM, policies). */
  free: ReadonlySet<string>;
  /** The region a resource is billed in. */
  regionOf(values: Attributes, providerRegion?: string): string | undefined;
}
