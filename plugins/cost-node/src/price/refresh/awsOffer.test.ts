import { AwsOfferFile, pricesFromAwsOffer } from './awsOffer';

// A fragment in the Price List offer-file shape (products, OnDemand terms, price
// dimensions), written for this test: SKUs and prices are illustrative, not AWS's.
const product = (
  sku: string,
  productFamily: string,
  attributes: Record<string, string>,
) => ({ sku, productFamily, attributes });
const onDemand = (
  sku: string,
  unit: string,
  usd: string,
  beginRange = '0',
) => ({
  [`${sku}.TERM`]: {
    priceDimensions: {
      [`${sku}.TERM.RATE${beginRange}`]: {
        unit,
        pricePerUnit: { USD: usd },
        beginRange,
      },
    },
  },
});

const ec2: AwsOfferFile = {
  offerCode: 'AmazonEC2',
  version: 'TEST1',
  products: {
    LINUX: product('LINUX', 'Compute Instance', {
      instanceType: 'm6i.large',
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
      licenseModel: 'No License required',
      usagetype: 'BoxUsage:m6i.large',
    }),
    WINDOWS: product('WINDOWS', 'Compute Instance', {
      instanceType: 'm6i.large',
      operatingSystem: 'Windows',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'Used',
    }),
    RESERVED: product('RESERVED', 'Compute Instance', {
      instanceType: 'm6i.large',
      operatingSystem: 'Linux',
      tenancy: 'Shared',
      preInstalledSw: 'NA',
      capacitystatus: 'UnusedCapacityReservation',
    }),
    GP3: product('GP3', 'Storage', { usagetype: 'EBS:VolumeUsage.gp3' }),
    NATH: product('NATH', 'NAT Gateway', { usagetype: 'NatGateway-Hours' }),
    NATB: product('NATB', 'NAT Gateway', { usagetype: 'NatGateway-Bytes' }),
  },
  terms: {
    OnDemand: {
      ...Object.fromEntries([
        ['LINUX', onDemand('LINUX', 'Hrs', '0.1000000000')],
        ['WINDOWS', onDemand('WINDOWS', 'Hrs', '0.2000000000')],
        ['RESERVED', onDemand('RESERVED', 'Hrs', '0.3000000000')],
        ['GP3', onDemand('GP3', 'GB-Mo', '0.0800000000')],
        ['NATH', onDemand('NATH', 'Hrs', '0.0450000000')],
        [
          'NATB',
          {
            'NATB.TERM': {
              priceDimensions: {
                FIRST: {
                  unit: 'GB',
                  pricePerUnit: { USD: '0.045' },
                  beginRange: '0',
                },
                LATER: {
                  unit: 'GB',
                  pricePerUnit: { USD: '0.010' },
                  beginRange: '1000',
                },
              },
            },
          },
        ],
      ]),
    },
  },
};

describe('pricesFromAwsOffer', () => {
  it('keeps on-demand shared Linux instances, EBS and NAT, first tier only, with their source', () => {
    const prices = pricesFromAwsOffer(ec2, {
      source: 'AWS Price List us-east-1',
      retrievedAt: '2026-11-24',
    });
    expect(Object.keys(prices).sort()).toEqual([
      'ebs:gp3',
      'ec2:m6i.large',
      'nat:gb',
      'nat:hour',
    ]);
    expect(prices['ec2:m6i.large']).toEqual({
      usd: 0.1,
      unit: 'Hrs',
      source: 'AWS Price List us-east-1 (AmazonEC2 TEST1, SKU LINUX)',
      retrievedAt: '2026-11-24',
    });
    expect(prices['nat:gb'].usd).toBe(0.045);
  });

  it('maps EKS and RDS offers to their keys', () => {
    const prices = pricesFromAwsOffer(
      {
        offerCode: 'AmazonRDS',
        version: 'TEST2',
        products: {
          PG: product('PG', 'Database Instance', {
            databaseEngine: 'PostgreSQL',
            deploymentOption: 'Multi-AZ',
            instanceType: 'db.m6g.large',
          }),
          ST: product('ST', 'Database Storage', {
            databaseEngine: 'Any',
            deploymentOption: 'Single-AZ',
            volumeType: 'General Purpose-GP3',
          }),
        },
        terms: {
          OnDemand: {
            PG: onDemand('PG', 'Hrs', '0.3040000000'),
            ST: onDemand('ST', 'GB-Mo', '0.1150000000'),
          },
        },
      },
      { source: 'test', retrievedAt: '2026-11-24' },
    );
    expect(Object.keys(prices).sort()).toEqual([
      'rds:postgres:multi-az:db.m6g.large',
      'rds:storage:gp3:single-az',
    ]);
  });
});
