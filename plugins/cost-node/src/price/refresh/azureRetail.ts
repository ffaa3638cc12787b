import { LIVE_API } from '../generate/sourceFile';
import { HOURS_PER_MONTH, Price } from '../types';

/** One item of the Azure Retail Prices API (`https://prices.azure.com/api/retail/prices`). */
export interface AzureRetailItem {
  currencyCode: string;
  retailPrice: number;
  tierMinimumUnits?: number;
  armRegionName: string;
  armSkuName?: string;
  meterName: string;
  productName: string;
  skuName: string;
  serviceName: string;
  unitOfMeasure: string;
  type: string;
  isPrimaryMeterRegion?: boolean;
}

type Key = [key: string, factor: number];

/** Flexible Server compute series, priced per vCore: the SKUs Forja names in each. */
const POSTGRES_SERIES: Array<[RegExp, (vcores: number) => string]> = [
  [/General Purpose Ddsv5 Series Compute/, n => `GP_Standard_D${n}ds_v5`],
  [/General Purpose Ddsv4 Series Compute/, n => `GP_Standard_D${n}ds_v4`],
  [/General Purpose Dsv3 Series Compute/, n => `GP_Standard_D${n}s_v3`],
  [/Memory Optimized Edsv5 Series Compute/, n => `MO_Standard_E${n}ds_v5`],
];
const VCORES = [2, 4, 8, 16];

/** Exact meters: `[serviceName, meterName, key, factor]`. */
const METERS: Array<[string, string | RegExp, string, number]> = [
  ['Azure Kubernetes Service', 'Standard Uptime SLA', 'aks:standard', 1],
  ['Azure Kubernetes Service', /^Premium/, 'aks:premium', 1],
  [
    'Service Bus',
    'Standard Base Unit',
    'servicebus:standard',
    1 / HOURS_PER_MONTH,
  ],
  [
    'Service Bus',
    'Standard Messaging Operations',
    'servicebus:standard:ops',
    1,
  ],
  ['Service Bus', 'Basic Messaging Operations', 'servicebus:basic:ops', 1],
  ['Service Bus', 'Premium Messaging Unit', 'servicebus:premium', 1],
  ['Container Registry', 'Basic Registry Unit', 'acr:basic', 1],
  ['Container Registry', 'Standard Registry Unit', 'acr:standard', 1],
  ['Container Registry', 'Premium Registry Unit', 'acr:premium', 1],
  ['Container Registry', 'Data Stored', 'acr:storage', 1],
  [
    'Load Balancer',
    'Standard Included LB Rules and Outbound Rules',
    'lb:standard:rules',
    1,
  ],
  ['Load Balancer', 'Standard Data Processed', 'lb:standard:gb', 1],
  [
    'Virtual Network',
    'Standard IPv4 Static Public IP',
    'ip:standard:static',
    1,
  ],
  ['Virtual Network', 'Basic IPv4 Static Public IP', 'ip:basic:static', 1],
  ['Virtual Network', 'Basic IPv4 Dynamic Public IP', 'ip:basic:dynamic', 1],
  ['Virtual Network', 'Standard Private Endpoint', 'privatelink:hour', 1],
  ['NAT Gateway', 'Standard Gateway', 'nat:hour', 1],
  ['NAT Gateway', 'Standard Data Processed', 'nat:gb', 1],
  ['Storage', 'Hot LRS Data Stored', 'blob:hot:lrs', 1],
];

/** Forja's price keys for an item (several for per-vCore series), with their factors. */
function priceKeys(item: AzureRetailItem): Key[] {
  if (
    item.type !== 'Consumption' ||
    item.currencyCode !== 'USD' ||
    (item.tierMinimumUnits ?? 0) !== 0 ||
    item.isPrimaryMeterRegion === false
  ) {
    return [];
  }
  const { serviceName, productName, meterName, skuName } = item;
  if (
    serviceName === 'Virtual Machines' &&
    item.armSkuName &&
    !/Windows/.test(productName) &&
    !/Spot|Low Priority/.test(skuName)
  ) {
    return [[`vm:${item.armSkuName}`, 1]];
  }
  if (serviceName === 'Storage' && /Managed Disks/.test(productName)) {
    const tier = /^([PES]\d+) LRS Disk$/.exec(meterName);
    return tier ? [[`disk:${tier[1]}`, 1]] : [];
  }
  if (
    serviceName === 'Azure Database for PostgreSQL' &&
    /Flexible Server/.test(productName)
  ) {
    if (/Storage/.test(productName) && meterName === 'Storage Data Stored') {
      return [['pgflex:storage', 1]];
    }
    const burstable = /^B(\d+m?s)$/i.exec(meterName);
    if (/Burstable/.test(productName) && burstable) {
      return [[`pgflex:B_Standard_B${burstable[1].toLowerCase()}`, 1]];
    }
    const series = POSTGRES_SERIES.find(([pattern]) =>
      pattern.test(productName),
    );
    if (series && meterName === 'vCore') {
      return VCORES.map(n => [`pgflex:${series[1](n)}`, n] as Key);
    }
    return [];
  }
  if (serviceName === 'Redis Cache') {
    // Standard and Premium list each cache (primary and replica) as one unit.
    const size = /^([CP]\d+) Cache( Instance)?$/.exec(meterName);
    const tier = /^(Basic|Standard|Premium)/.exec(skuName);
    return size && tier ? [[`redis:${tier[1]}:${size[1]}`, 1]] : [];
  }
  const meter = METERS.find(
    ([service, name]) =>
      service === serviceName &&
      (typeof name === 'string' ? name === meterName : name.test(meterName)),
  );
  return meter ? [[meter[2], meter[3]]] : [];
}

/**
 * Prices of Retail Prices API pages under Forja's keys, per region (`armRegionName`):
 * pay-as-you-go Linux VMs, managed disks, PostgreSQL Flexible Server (per-vCore series
 * turned into Forja's SKUs), Azure Cache for Redis, Service Bus, Container Registry, load
 * balancer, public IPs, NAT gateway, private endpoints and hot blob storage.
 */
export function pricesFromAzureRetail(
  items: AzureRetailItem[],
): Record<string, Record<string, Price>> {
  const byRegion: Record<string, Record<string, Price>> = {};
  for (const item of items) {
    for (const [key, factor] of priceKeys(item)) {
      (byRegion[item.armRegionName] ??= {})[key] = {
        usd: item.retailPrice * factor,
        unit:
          factor === 1
            ? item.unitOfMeasure
            : `${item.unitOfMeasure} (converted)`,
        source: LIVE_API,
        ref: `Azure Retail Prices API (${item.productName}, ${item.meterName})`,
      };
    }
  }
  return byRegion;
}
