import { AzureRetailItem, pricesFromAzureRetail } from './azureRetail';

// Items in the Retail Prices API's shape, written for this test: prices are illustrative.
const vm = (overrides: Partial<AzureRetailItem>): AzureRetailItem => ({
  currencyCode: 'USD',
  retailPrice: 0.2,
  tierMinimumUnits: 0,
  armRegionName: 'brazilsouth',
  armSkuName: 'Standard_D4s_v5',
  meterName: 'D4s v5',
  productName: 'Virtual Machines Dsv5 Series',
  skuName: 'D4s v5',
  serviceName: 'Virtual Machines',
  unitOfMeasure: '1 Hour',
  type: 'Consumption',
  isPrimaryMeterRegion: true,
  ...overrides,
});

describe('pricesFromAzureRetail', () => {
  it('keeps pay-as-you-go Linux VMs per region and skips Windows, spot and reservations', () => {
    const prices = pricesFromAzureRetail([
      vm({}),
      vm({
        productName: 'Virtual Machines Dsv5 Series Windows',
        retailPrice: 0.4,
      }),
      vm({ skuName: 'D4s v5 Spot', retailPrice: 0.05 }),
      vm({ type: 'Reservation', retailPrice: 1000 }),
      vm({ armRegionName: 'eastus', retailPrice: 0.192 }),
    ]);
    expect(prices).toEqual({
      brazilsouth: {
        'vm:Standard_D4s_v5': {
          usd: 0.2,
          unit: '1 Hour',
          source: 'live-api',
          ref: 'Azure Retail Prices API (Virtual Machines Dsv5 Series, D4s v5)',
        },
      },
      eastus: { 'vm:Standard_D4s_v5': expect.objectContaining({ usd: 0.192 }) },
    });
  });

  it('reads disks, per-vCore PostgreSQL series, caches and monthly meters into Forja keys', () => {
    const item = (
      serviceName: string,
      productName: string,
      meterName: string,
      retailPrice: number,
      extra: Partial<AzureRetailItem> = {},
    ) =>
      vm({
        serviceName,
        productName,
        meterName,
        skuName: extra.skuName ?? meterName,
        armSkuName: undefined,
        retailPrice,
        armRegionName: 'eastus',
        ...extra,
      });
    const prices = pricesFromAzureRetail([
      item('Storage', 'Premium SSD Managed Disks', 'P10 LRS Disk', 19.71, {
        unitOfMeasure: '1/Month',
      }),
      item('Storage', 'Premium SSD Managed Disks', 'P10 ZRS Disk', 29.56),
      item(
        'Azure Database for PostgreSQL',
        'Azure Database for PostgreSQL Flexible Server General Purpose Ddsv5 Series Compute',
        'vCore',
        0.089,
      ),
      item(
        'Azure Database for PostgreSQL',
        'Azure Database for PostgreSQL Flexible Server Burstable BS Series Compute',
        'B1MS',
        0.017,
      ),
      item(
        'Redis Cache',
        'Azure Redis Cache Standard',
        'C1 Cache Instance',
        0.138,
        {
          skuName: 'Standard C1',
        },
      ),
      item('Service Bus', 'Service Bus', 'Standard Base Unit', 9.855, {
        unitOfMeasure: '1/Month',
      }),
    ]);
    const usd = Object.fromEntries(
      Object.entries(prices.eastus).map(([k, p]) => [k, p.usd]),
    );
    expect(usd).toEqual({
      'disk:P10': 19.71,
      'pgflex:GP_Standard_D2ds_v5': 0.089 * 2,
      'pgflex:GP_Standard_D4ds_v5': 0.089 * 4,
      'pgflex:GP_Standard_D8ds_v5': 0.089 * 8,
      'pgflex:GP_Standard_D16ds_v5': 0.089 * 16,
      'pgflex:B_Standard_B1ms': 0.017,
      'redis:Standard:C1': 0.138,
      'servicebus:standard': 9.855 / 730,
    });
  });
});
