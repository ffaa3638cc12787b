/* eslint-disable no-console */
// ./forja cost-prices [--out <file>]: rebuilds the pricing catalog from the clouds' public
// price lists, on a machine with internet. AWS: the Price List bulk files (no account);
// Azure: the Retail Prices API (no account); GCP: the Cloud Billing Catalog API with an
// API key in GOOGLE_BILLING_API_KEY (skipped without one). Prices the lists do not give
// keep their previous entry, and the run says which.
import { promises as fs } from 'node:fs';
import readline from 'node:readline';
import { parseArgs } from 'node:util';
import { BUNDLED_CATALOG_PATH, loadCatalog } from '../catalog';
import { Cloud, Price, PricingCatalog } from '../types';
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

async function awsPrices(region: string, retrievedAt: string) {
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
    Object.assign(
      prices,
      pricesFromAwsOffer(offer, { source: url, retrievedAt }),
    );
    console.error(`aws ${region} ${offerCode}: ${offer.version}`);
  }
  return prices;
}

async function azurePrices(retrievedAt: string) {
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
  return pricesFromAzureRetail(items, { retrievedAt });
}

async function gcpPrices(key: string, retrievedAt: string) {
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
  return pricesFromGcpSkus(skus, { regions: REGIONS.gcp, retrievedAt });
}

/** The previous catalog with every price the lists gave replaced; what stayed is listed. */
export function mergeCatalog(
  previous: PricingCatalog,
  fresh: Partial<Record<Cloud, Record<string, Record<string, Price>>>>,
  version: string,
): { catalog: PricingCatalog; kept: string[] } {
  const kept: string[] = [];
  const prices: PricingCatalog['prices'] = {};
  for (const cloud of Object.keys(REGIONS) as Cloud[]) {
    prices[cloud] = {};
    for (const region of REGIONS[cloud]) {
      const before = previous.prices[cloud]?.[region] ?? {};
      const after = fresh[cloud]?.[region] ?? {};
      const merged: Record<string, Price> = {};
      for (const key of [
        ...new Set([...Object.keys(before), ...Object.keys(after)]),
      ].sort()) {
        if (!after[key]) kept.push(`${cloud} ${region} ${key}`);
        merged[key] = after[key] ?? before[key];
      }
      prices[cloud]![region] = merged;
    }
  }
  return { catalog: { ...previous, version, prices }, kept };
}

async function main() {
  const { values } = parseArgs({
    options: { out: { type: 'string', default: BUNDLED_CATALOG_PATH } },
  });
  const retrievedAt = new Date().toISOString().slice(0, 10);
  const fresh: Partial<Record<Cloud, Record<string, Record<string, Price>>>> = {
    aws: {},
  };
  for (const region of REGIONS.aws)
    fresh.aws![region] = await awsPrices(region, retrievedAt);
  fresh.azure = await azurePrices(retrievedAt);
  const key = process.env.GOOGLE_BILLING_API_KEY;
  if (key) fresh.gcp = await gcpPrices(key, retrievedAt);
  else
    console.error(
      'GOOGLE_BILLING_API_KEY is not set: GCP prices are kept as they were',
    );
  const { catalog, kept } = mergeCatalog(loadCatalog(), fresh, retrievedAt);
  await fs.writeFile(values.out!, `${JSON.stringify(catalog, null, 1)}\n`);
  console.log(`wrote ${values.out} (version ${catalog.version})`);
  if (kept.length) {
    console.log(`${kept.length} prices not in the lists, kept from before:`);
    kept.forEach(k => console.log(`  ${k}`));
  }
}

if (require.main === module) {
  main().catch(error => {
    console.error(`forja cost-prices: ${error.message ?? error}`);
    process.exit(1);
  });
}
