import http from 'node:http';
import { AddressInfo } from 'node:net';
import { readPriceLists } from './readPriceLists';

// A loopback server in the shapes of the AWS Price List offer files and the Azure Retail
// Prices API (pages with NextPageLink); figures are illustrative. One offer answers, one is
// garbage, one never sends a byte, every other list fails with 503.
const cacheOffer = {
  offerCode: 'AmazonElastiCache',
  version: '20261101000000',
  products: {
    M4L: {
      sku: 'M4L',
      productFamily: 'Cache Instance',
      attributes: {
        instanceType: 'cache.m4.large',
        cacheEngine: 'Redis',
        usagetype: 'EU-NodeUsage:cache.m4.large',
      },
    },
  },
  terms: {
    OnDemand: {
      M4L: {
        'M4L.TERM': {
          priceDimensions: {
            'M4L.TERM.RATE': {
              unit: 'Hrs',
              pricePerUnit: { USD: '0.1000000000' },
              beginRange: '0',
            },
          },
        },
      },
    },
  },
};

const azureVm = (armSkuName: string, retailPrice: number) => ({
  currencyCode: 'USD',
  retailPrice,
  tierMinimumUnits: 0,
  armRegionName: 'westeurope',
  armSkuName,
  meterName: armSkuName.replace('Standard_', '').replace('_', ' '),
  productName: 'Virtual Machines Dsv3 Series',
  skuName: armSkuName.replace('Standard_', '').replace('_', ' '),
  serviceName: 'Virtual Machines',
  unitOfMeasure: '1 Hour',
  type: 'Consumption',
  isPrimaryMeterRegion: true,
});

describe('readPriceLists', () => {
  let server: http.Server;
  let base: string;
  const requests: string[] = [];

  beforeAll(async () => {
    server = http.createServer((req, res) => {
      const url = new URL(req.url!, 'http://localhost');
      requests.push(url.pathname + url.search);
      if (
        url.pathname === '/aws/AmazonElastiCache/current/eu-west-1/index.json'
      ) {
        res.end(JSON.stringify(cacheOffer));
      } else if (
        url.pathname === '/aws/AmazonEKS/current/eu-west-1/index.json'
      ) {
        res.end('<html>not an offer</html>');
      } else if (
        url.pathname === '/aws/AmazonRDS/current/eu-west-1/index.json'
      ) {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{'); // then nothing more
      } else if (url.pathname === '/azure') {
        const filter = url.searchParams.get('$filter') ?? '';
        if (!filter.includes("'Virtual Machines'")) {
          res.statusCode = 503;
          res.end();
        } else if (url.searchParams.get('page') === '2') {
          res.end(
            JSON.stringify({ Items: [azureVm('Standard_D4s_v3', 0.23)] }),
          );
        } else {
          res.end(
            JSON.stringify({
              Items: [azureVm('Standard_D2s_v3', 0.115)],
              NextPageLink: `${base}/azure?$filter=${encodeURIComponent(
                filter,
              )}&page=2`,
            }),
          );
        }
      } else {
        res.statusCode = 503;
        res.end();
      }
    });
    await new Promise<void>(resolve =>
      server.listen(0, '127.0.0.1', () => resolve()),
    );
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  });

  it('reads every list it can and lists, with the reason, each one it could not', async () => {
    const result = await readPriceLists({
      endpoints: {
        aws: `${base}/aws`,
        azure: `${base}/azure`,
        gcp: `${base}/gcp`,
      },
      regions: { aws: ['eu-west-1'], azure: ['westeurope'], gcp: [] },
      stallMs: 300,
    });

    expect(
      result.prices.aws?.['eu-west-1']?.['elasticache:cache.m4.large'],
    ).toMatchObject({
      usd: 0.1,
      source: 'live-api',
    });
    expect(Object.keys(result.prices.azure?.westeurope ?? {}).sort()).toEqual([
      'vm:Standard_D2s_v3',
      'vm:Standard_D4s_v3',
    ]);
    expect(result.read).toEqual([
      'aws eu-west-1 AmazonElastiCache: 1 prices, offer 20261101000000',
      'azure westeurope Virtual Machines: 2 meters',
    ]);

    const failures = Object.fromEntries(
      result.failures.map(f => [f.list, f.error]),
    );
    expect(failures['aws eu-west-1 AmazonEKS']).toMatch(/JSON/);
    expect(failures['aws eu-west-1 AmazonRDS']).toMatch(/no data for 0.3 s/);
    expect(failures['aws eu-west-1 AmazonEC2']).toMatch(/HTTP 503/);
    expect(failures['azure westeurope Service Bus']).toMatch(/HTTP 503/);
    expect(failures['gcp Cloud Billing Catalog']).toMatch(
      /GOOGLE_BILLING_API_KEY is not set/,
    );
    // 13 AWS offers and 10 Azure services were each asked for; 12 + 9 failed, plus GCP.
    expect(result.failures).toHaveLength(22);
    expect(
      requests.every(r => r.startsWith('/aws/') || r.startsWith('/azure')),
    ).toBe(true);
  }, 30_000);
});
