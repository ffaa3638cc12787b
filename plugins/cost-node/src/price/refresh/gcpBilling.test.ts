import { GcpSku, pricesFromGcpSkus } from './gcpBilling';

// SKUs in the Cloud Billing Catalog API's shape, written for this test: prices illustrative.
const sku = (
  description: string,
  regions: string[],
  usageUnit: string,
  tiers: Array<[start: number, usd: number]>,
  usageType = 'OnDemand',
): GcpSku => ({
  skuId: description.slice(0, 8),
  description,
  category: { serviceDisplayName: 'Test', usageType },
  serviceRegions: regions,
  pricingInfo: [
    {
      pricingExpression: {
        usageUnit,
        tieredRates: tiers.map(([startUsageAmount, usd]) => ({
          startUsageAmount,
          unitPrice: {
            currencyCode: 'USD',
            units: String(Math.floor(usd)),
            nanos: Math.round((usd - Math.floor(usd)) * 1e9),
          },
        })),
      },
    },
  ],
});

describe('pricesFromGcpSkus', () => {
  it('builds machine prices from core and memory rates and reads the services Forja prices', () => {
    const prices = pricesFromGcpSkus(
      [
        sku('E2 Instance Core running in Americas', ['us-central1'], 'h', [
          [0, 0.021811],
        ]),
        sku('E2 Instance Ram running in Americas', ['us-central1'], 'GiBy.h', [
          [0, 0.002923],
        ]),
        sku(
          'E2 Instance Core running in Americas',
          ['us-central1'],
          'h',
          [[0, 0.0065]],
          'Preemptible',
        ),
        sku('Balanced PD Capacity in Iowa', ['us-central1'], 'GiBy.mo', [
          [0, 0.1],
        ]),
        sku(
          'Cloud SQL for PostgreSQL: Regional - vCPU in Americas',
          ['us-central1'],
          'h',
          [[0, 0.0826]],
        ),
        sku('Redis Capacity Standard M2 Iowa', ['us-central1'], 'GiBy.h', [
          [0, 0.054],
        ]),
        sku('Message Delivery Basic', ['global'], 'TiBy', [
          [0, 0],
          [0.0097656, 40],
        ]),
        sku('Standard Storage Sao Paulo', ['southamerica-east1'], 'GiBy.mo', [
          [0, 0.035],
        ]),
      ],
      {
        regions: ['us-central1', 'southamerica-east1'],
      },
    );
    const usd = (region: string) =>
      Object.fromEntries(
        Object.entries(prices[region]).map(([k, p]) => [k, p.usd]),
      );
    expect(usd('us-central1')).toEqual({
      'gce:e2-medium': 0.021811 + 4 * 0.002923,
      'gce:e2-standard-2': 2 * 0.021811 + 8 * 0.002923,
      'gce:e2-standard-4': 4 * 0.021811 + 16 * 0.002923,
      'gce:e2-standard-8': 8 * 0.021811 + 32 * 0.002923,
      'gce:e2-highmem-2': 2 * 0.021811 + 16 * 0.002923,
      'disk:pd-balanced': 0.1,
      'cloudsql:vcpu:regional': 0.0826,
      'memorystore:standard:M2': 0.054,
      // The first 10 GiB are free: the list price is the first paid tier.
      'pubsub:tib': 40,
    });
    expect(usd('southamerica-east1')).toEqual({
      'pubsub:tib': 40,
      'gcs:standard': 0.035,
    });
    expect(prices['us-central1']['gce:e2-standard-4'].ref).toMatch(
      /^4 x Cloud Billing/,
    );
  });
});
