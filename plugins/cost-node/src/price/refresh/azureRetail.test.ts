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
    const prices = pricesFromAzureRetail(
      [
        vm({}),
        vm({
          productName: 'Virtual Machines Dsv5 Series Windows',
          retailPrice: 0.4,
        }),
        vm({ skuName: 'D4s v5 Spot', retailPrice: 0.05 }),
        vm({ type: 'Reservation', retailPrice: 1000 }),
        vm({ armRegionName: 'eastus', retailPrice: 0.192 }),
      ],
      { retrievedAt: '2026-11-24' },
    );
    expect(prices).toEqual({
      brazilsouth: {
        'vm:Standard_D4s_v5': {
          usd: 0.2,
          unit: '1 Hour',
          source:
            'Azure Retail Prices API (Virtual Machines Dsv5 Series, D4s v5)',
          retrievedAt: '2026-11-24',
        },
      },
      eastus: { 'vm:Standard_D4s_v5': expect.objectContaining({ usd: 0.192 }) },
    });
  });
});
