import { AwsOfferFile, pricesFromAwsOffer, readAwsOfferCsv } from './awsOffer';

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
      source: 'live-api',
      ref: 'AWS Price List us-east-1 (AmazonEC2 TEST1, SKU LINUX)',
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
      { source: 'test' },
    );
    expect(Object.keys(prices).sort()).toEqual([
      'rds:postgres:multi-az:db.m6g.large',
      'rds:storage:gp3:single-az',
    ]);
  });
});

describe('pricesFromAwsOffer, usage-priced services', () => {
  const offer = (
    offerCode: string,
    products: AwsOfferFile['products'],
    terms: NonNullable<AwsOfferFile['terms']['OnDemand']>,
  ): AwsOfferFile => ({
    offerCode,
    version: 'TEST2',
    products,
    terms: { OnDemand: terms },
  });
  /** On-demand terms per SKU: `[sku, unit, [usd, beginRange]...]`. */
  const terms = (
    ...skus: Array<[string, string, ...Array<[string, string]>]>
  ) =>
    Object.fromEntries(
      skus.map(([sku, unit, ...tiers]) => [
        sku,
        {
          [`${sku}.TERM`]: {
            priceDimensions: Object.fromEntries(
              tiers.map(([usd, beginRange]) => [
                `${sku}.TERM.${beginRange}`,
                { unit, pricePerUnit: { USD: usd }, beginRange },
              ]),
            ),
          },
        },
      ]),
    );
  const read = (o: AwsOfferFile) =>
    Object.fromEntries(
      Object.entries(pricesFromAwsOffer(o, { source: 'fragment' })).map(
        ([k, p]) => [k, [p.usd, p.unit]],
      ),
    );

  it('converts per-request prices to the unit Forja quotes and skips free tiers', () => {
    expect(
      read(
        offer(
          'AmazonDynamoDB',
          {
            W: product('W', 'Amazon DynamoDB PayPerRequest Throughput', {
              usagetype: 'SAE1-WriteRequestUnits',
            }),
            S: product('S', 'Database Storage', {
              usagetype: 'SAE1-TimedStorage-ByteHrs',
            }),
          },
          terms(
            ['W', 'WriteRequestUnits', ['0.0000009375', '0']],
            ['S', 'GB-Mo', ['0.0000000000', '0'], ['0.375', '25']],
          ),
        ),
      ),
    ).toEqual({
      'dynamodb:wru': [0.9375, '1M WriteRequestUnits'],
      // The first 25 GB are free: the list price is the first paid tier.
      'dynamodb:storage': [0.375, 'GB-Mo'],
    });
  });

  it('reads load balancers, caches, brokers and Aurora by their attributes', () => {
    expect(
      read(
        offer(
          'AWSELB',
          {
            H: product('H', 'Load Balancer-Application', {
              usagetype: 'USE1-LoadBalancerUsage',
            }),
            L: product('L', 'Load Balancer-Application', {
              usagetype: 'USE1-LCUUsage',
            }),
            N: product('N', 'Load Balancer-Network', {
              usagetype: 'USE1-LoadBalancerUsage',
            }),
          },
          terms(
            ['H', 'Hrs', ['0.0225', '0']],
            ['L', 'LCU-Hrs', ['0.008', '0']],
            ['N', 'Hrs', ['0.0225', '0']],
          ),
        ),
      ),
    ).toEqual({
      'alb:hour': [0.0225, 'Hrs'],
      'alb:lcu': [0.008, 'LCU-Hrs'],
      'nlb:hour': [0.0225, 'Hrs'],
    });
    expect(
      read(
        offer(
          'AmazonMQ',
          {
            R: product('R', 'Broker Instances', {
              brokerEngine: 'RabbitMQ',
              deploymentOption: 'Single-AZ',
              instanceType: 'mq.m7g.medium',
            }),
            C: product('C', 'Broker Instances', {
              brokerEngine: 'RabbitMQ',
              deploymentOption: 'Multi-AZ',
              instanceType: 'mq.m7g.medium',
            }),
          },
          terms(['R', 'Hrs', ['0.1', '0']], ['C', 'Hrs', ['0.3', '0']]),
        ),
      ),
    ).toEqual({ 'mq:rabbitmq:mq.m7g.medium': [0.1, 'Hrs'] });
    expect(
      read(
        offer(
          'AmazonRDS',
          {
            A: product('A', 'Database Instance', {
              databaseEngine: 'Aurora PostgreSQL',
              deploymentOption: 'Single-AZ',
              instanceType: 'db.r6g.large',
            }),
            IO: product('IO', 'System Operation', {
              usagetype: 'Aurora:StorageIOUsage',
            }),
          },
          terms(['A', 'Hrs', ['0.26', '0']], ['IO', 'IOs', ['0.0000002', '0']]),
        ),
      ),
    ).toEqual({
      'aurora:aurora-postgresql:db.r6g.large': [0.26, 'Hrs'],
      'aurora:io': [0.0000002 * 1e6, '1M IOs'],
    });
  });
});

describe('readAwsOfferCsv', () => {
  it("reads the CSV form's on-demand rows into the JSON form", async () => {
    const csv = [
      '"FormatVersion","v1.0"',
      '"Disclaimer","This pricing list is for informational purposes only."',
      '"Publication Date","2026-11-20T00:00:00Z"',
      '"Version","20261120000000"',
      '"OfferCode","AmazonEC2"',
      '"SKU","OfferTermCode","RateCode","TermType","PriceDescription","EffectiveDate","StartingRange","EndingRange","Unit","PricePerUnit","Currency","Product Family","Instance Type","Operating System","Tenancy","Pre Installed S/W","CapacityStatus","License Model","usageType"',
      '"S1","JRTCKXETXF","S1.JRTCKXETXF.6YS6EN2CT7","OnDemand","$0.153 per On Demand Linux m6i.large Instance Hour","2026-11-01","0","Inf","Hrs","0.1530000000","USD","Compute Instance","m6i.large","Linux","Shared","NA","Used","No License required","SAE1-BoxUsage:m6i.large"',
      '"S1","4NA7Y494T4","S1.4NA7Y494T4.6YS6EN2CT7","Reserved","USD 0.1 hourly fee per Linux, m6i.large","2026-11-01","0","Inf","Hrs","0.1000000000","USD","Compute Instance","m6i.large","Linux","Shared","NA","Used","No License required","SAE1-BoxUsage:m6i.large"',
      '"S2","JRTCKXETXF","S2.JRTCKXETXF.6YS6EN2CT7","OnDemand","$0.152 per GB-month of General Purpose (gp3), ""provisioned"" storage","2026-11-01","0","Inf","GB-Mo","0.1520000000","USD","Storage","","","","","","","SAE1-EBS:VolumeUsage.gp3"',
    ];
    async function* lines() {
      yield* csv;
    }
    const offer = await readAwsOfferCsv(lines(), () => true);
    expect(offer.offerCode).toBe('AmazonEC2');
    expect(offer.version).toBe('20261120000000');
    const prices = pricesFromAwsOffer(offer, {
      source: 'https://pricing.us-east-1.amazonaws.com/.../sa-east-1/index.csv',
    });
    expect(prices['ec2:m6i.large'].usd).toBe(0.153);
    expect(prices['ebs:gp3'].usd).toBe(0.152);
    expect(prices['ec2:m6i.large'].ref).toContain(
      'AmazonEC2 20261120000000, SKU S1',
    );
  });
});
