import { Price } from '../types';

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

/** Forja's price key for an item, or undefined for items Forja does not price. */
function priceKey(item: AzureRetailItem): string | undefined {
  if (
    item.type !== 'Consumption' ||
    item.currencyCode !== 'USD' ||
    (item.tierMinimumUnits ?? 0) !== 0 ||
    item.isPrimaryMeterRegion === false
  ) {
    return undefined;
  }
  if (
    item.serviceName === 'Virtual Machines' &&
    item.armSkuName &&
    !/Windows/.test(item.productName) &&
    !/Spot|Low Priority/.test(item.skuName)
  ) {
    return `vm:${item.armSkuName}`;
  }
  return undefined;
}

/**
 * Prices of Retail Prices API pages under Forja's keys, per region (`armRegionName`):
 * pay-as-you-go Linux virtual machines (node pools) so far.
 */
export function pricesFromAzureRetail(
  items: AzureRetailItem[],
  options: { retrievedAt: string },
): Record<string, Record<string, Price>> {
  const byRegion: Record<string, Record<string, Price>> = {};
  for (const item of items) {
    const key = priceKey(item);
    if (!key) continue;
    (byRegion[item.armRegionName] ??= {})[key] = {
      usd: item.retailPrice,
      unit: item.unitOfMeasure,
      source: `Azure Retail Prices API (${item.productName}, ${item.meterName})`,
      retrievedAt: options.retrievedAt,
    };
  }
  return byRegion;
}
