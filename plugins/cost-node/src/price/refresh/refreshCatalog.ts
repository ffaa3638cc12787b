/* eslint-disable no-console */
// ./forja cost-prices: the pricing catalog. `--generate` writes it from the machine-
// generated price files in prices/sources/ and the curated table prices/curated.json;
// `--check` says whether the committed one is their regeneration. Without either, on a
// machine with internet, it first reads the clouds' public price lists (AWS: the Price
// List bulk files; Azure: the Retail Prices API; GCP: the Cloud Billing Catalog API with
// an API key in GOOGLE_BILLING_API_KEY, skipped without one) into
// prices/sources/live-api.json, which the generation lays over the rest.
import { promises as fs } from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { BUNDLED_CATALOG_PATH } from '../catalog';
import {
  CURATED,
  LIVE_API,
  LiveTable,
  PRICES_DIR,
} from '../generate/buildCatalog';
import {
  checkCatalog,
  describeGeneration,
  writeCatalog,
} from '../generate/command';
import { CloudPrices } from '../generate/sourceFile';
import { Cloud, Price } from '../types';
import { AwsOfferFile, pricesFromAwsOffer, readAwsOfferCsv } from './awsOffer';
import { AzureRetailItem, pricesFromAzureRetail } from './azureRetail';
import { GcpSku, pricesFromGcpSkus } from './gcpBilling';
import { fetchPriceListJson, openPriceList } from './priceListFetch';

const REGIONS: Record<Cloud, string[]> = {
  aws: ['us-east-1', 'sa-east-1'],
  azure: ['eastus', 'brazilsouth'],
  gcp: ['us-central1', 'southamerica-east1'],
};

const AWS_BASE = 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws';
/** EC2's offer is read as CSV, line by line (hundreds of megabytes); the rest as JSON. */
const AWS_OFFERS = [
  'AmazonEC2',
  'AmazonVPC',
  'AmazonEKS',
  'AmazonECS',
  'AmazonRDS',
  'AmazonElastiCache',
  'AmazonMQ',
  'AWSELB',
  'AmazonDynamoDB',
  'AmazonS3',
  'AWSQueueService',
  'AmazonECR',
  'AmazonCloudWatch',
];

const AZURE_SERVICES = [
  'Virtual Machines',
  'Storage',
  'Azure Kubernetes Service',
  'Azure Database for PostgreSQL',
  'Redis Cache',
  'Service Bus',
  'Container Registry',
  'Load Balancer',
  'Virtual Network',
  'NAT Gateway',
];

const GCP_SERVICES = [
  'Compute Engine',
  'Kubernetes Engine',
  'Cloud SQL',
  'Cloud Memorystore for Redis',
  'Cloud Pub/Sub',
  'Artifact Registry',
  'Cloud Storage',
  'Networking',
];

async function awsPrices(region: string) {
  const prices: Record<string, Price> = {};
  for (const offerCode of AWS_OFFERS) {
    const ext = offerCode === 'AmazonEC2' ? 'csv' : 'json';
    const url = `${AWS_BASE}/${offerCode}/current/${region}/index.${ext}`;
    let offer: AwsOfferFile;
    if (ext === 'csv') {
      offer = await readAwsOfferCsv(
        readline.createInterface({ input: await openPriceList(url) }),
        row =>
          ['Compute Instance', 'Storage', 'NAT Gateway'].includes(
            row['Product Family'],
          ),
      );
    } else {
      offer = await fetchPriceListJson<AwsOfferFile>(url);
    }
    Object.assign(prices, pricesFromAwsOffer(offer, { source: url }));
    console.error(`aws ${region} ${offerCode}: ${offer.version}`);
  }
  return prices;
}

async function azurePrices() {
  const items: AzureRetailItem[] = [];
  for (const region of REGIONS.azure) {
    for (const service of AZURE_SERVICES) {
      const filter = `armRegionName eq '${region}' and serviceName eq '${service}' and priceType eq 'Consumption'`;
      let url:
        | string
        | undefined = `https://prices.azure.com/api/retail/prices?$filter=${encodeURIComponent(
        filter,
      )}`;
      while (url) {
        const page: { Items: AzureRetailItem[]; NextPageLink?: string } =
          await fetchPriceListJson(url);
        items.push(...page.Items);
        url = page.NextPageLink || undefined;
      }
      console.error(`azure ${region} ${service}: ${items.length} items so far`);
    }
  }
  return pricesFromAzureRetail(items);
}

async function gcpPrices(key: string) {
  const base = 'https://cloudbilling.googleapis.com/v1';
  const { services } = await fetchPriceListJson<{
    services: Array<{ serviceId: string; displayName: string }>;
  }>(`${base}/services?key=${key}&pageSize=5000`);
  const skus: GcpSku[] = [];
  for (const service of services.filter(s =>
    GCP_SERVICES.includes(s.displayName),
  )) {
    let pageToken = '';
    do {
      const page: { skus: GcpSku[]; nextPageToken?: string } =
        await fetchPriceListJson(
          `${base}/services/${service.serviceId}/skus?key=${key}&pageSize=5000&pageToken=${pageToken}`,
        );
      skus.push(...page.skus);
      pageToken = page.nextPageToken ?? '';
    } while (pageToken);
    console.error(`gcp ${service.displayName}: ${skus.length} SKUs so far`);
  }
  return pricesFromGcpSkus(skus, { regions: REGIONS.gcp });
}

const LIVE_FILE = path.join(PRICES_DIR, 'sources', 'live-api.json');

/**
 * With internet: reads the price lists for the regions Forja refreshes, keeps what they
 * gave as `prices/sources/live-api.json` (an input the generator lays over the generated
 * files and the curated table) and regenerates the catalog.
 */
async function refresh(out: string) {
  const retrievedAt = new Date().toISOString().slice(0, 10);
  const prices: CloudPrices = { aws: {} };
  for (const region of REGIONS.aws)
    prices.aws![region] = await awsPrices(region);
  prices.azure = await azurePrices();
  const key = process.env.GOOGLE_BILLING_API_KEY;
  if (key) prices.gcp = await gcpPrices(key);
  else
    console.error(
      'GOOGLE_BILLING_API_KEY is not set: GCP prices come from the generated files and the curated table',
    );
  const live: LiveTable = {
    about:
      'Prices read by ./forja cost-prices from the AWS Price List bulk files, the Azure Retail Prices API and the Cloud Billing Catalog API (each price names its offer, meter or SKU)',
    retrievedAt,
    prices,
  };
  await fs.writeFile(LIVE_FILE, `${JSON.stringify(live, null, 1)}\n`);
  const { catalog, report } = writeCatalog(out);
  console.log(`wrote ${LIVE_FILE} and ${out}`);
  describeGeneration(catalog, report).forEach(line => console.log(line));
  const kept = new Map<string, string[]>();
  for (const cloud of Object.keys(REGIONS) as Cloud[]) {
    for (const region of REGIONS[cloud]) {
      for (const [name, price] of Object.entries(
        catalog.prices[cloud]?.[region] ?? {},
      )) {
        if (price.source === LIVE_API) continue;
        kept.set(price.source, [
          ...(kept.get(price.source) ?? []),
          `${cloud} ${region} ${name}`,
        ]);
      }
    }
  }
  for (const [source, keys] of kept) {
    console.log(`${keys.length} prices not in the lists, kept from ${source}`);
    if (source === CURATED) keys.forEach(k => console.log(`  ${k}`));
  }
}

const USAGE = `Usage: ./forja cost-prices [--generate | --check] [--out <file>]

  --generate  write the catalog from prices/sources/ and prices/curated.json
  --check     exit 1, naming the first differences, when the catalog is not the
              regeneration of its inputs
  (neither)   read the clouds' price lists (needs internet; GCP needs
              GOOGLE_BILLING_API_KEY) into prices/sources/live-api.json, then generate`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: BUNDLED_CATALOG_PATH },
      generate: { type: 'boolean' },
      check: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const out = values.out!;
  if (values.help || (values.generate && values.check)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.check) {
    const differences = checkCatalog(out);
    if (!differences.length) {
      console.log(`${out} is the regeneration of its inputs`);
      return 0;
    }
    console.error(
      `${out} differs from the regeneration of prices/sources and prices/curated.json (./forja cost-prices --generate):`,
    );
    differences.forEach(line => console.error(`  ${line}`));
    return 1;
  }
  if (values.generate) {
    const { catalog, report } = writeCatalog(out);
    console.log(`wrote ${out}`);
    describeGeneration(catalog, report).forEach(line => console.log(line));
    return 0;
  }
  await refresh(out);
  return 0;
}

if (require.main === module) {
  main().then(
    code => process.exit(code),
    error => {
      console.error(`forja cost-prices: ${error.message ?? error}`);
      process.exit(1);
    },
  );
}
