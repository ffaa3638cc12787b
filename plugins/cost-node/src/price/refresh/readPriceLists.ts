import readline from 'node:readline';
import { CloudPrices } from '../generate/sourceFile';
import { REFRESHED_REGIONS } from '../regions';
import { Cloud } from '../types';
import { AwsOfferFile, pricesFromAwsOffer, readAwsOfferCsv } from './awsOffer';
import { AzureRetailItem, pricesFromAzureRetail } from './azureRetail';
import { GcpSku, pricesFromGcpSkus } from './gcpBilling';
import { fetchPriceListJson, openPriceList } from './priceListFetch';

/** The public price lists' base addresses (test servers stand in for them in tests). */
export interface PriceListEndpoints {
  aws: string;
  azure: string;
  gcp: string;
}

export const PUBLIC_PRICE_LISTS: PriceListEndpoints = {
  aws: 'https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws',
  azure: 'https://prices.azure.com/api/retail/prices',
  gcp: 'https://cloudbilling.googleapis.com/v1',
};

/** EC2's offer is read as CSV, line by line (hundreds of megabytes); the rest as JSON. */
export const AWS_OFFERS = [
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

export const AZURE_SERVICES = [
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

export const GCP_SERVICES = [
  'Compute Engine',
  'Kubernetes Engine',
  'Cloud SQL',
  'Cloud Memorystore for Redis',
  'Cloud Pub/Sub',
  'Artifact Registry',
  'Cloud Storage',
  'Networking',
];

/** A list that could not be read, and why; the rest of the refresh goes on without it. */
export interface PriceListFailure {
  list: string;
  error: string;
}

export interface PriceListsRead {
  prices: CloudPrices;
  failures: PriceListFailure[];
  /** Lists read, one line each (`aws us-east-1 AmazonRDS: 20261101...`). */
  read: string[];
}

/**
 * Reads every public price list it can for the given regions: one offer, service or
 * region that fails (down, slow, garbage) is recorded as a failure and the rest are read.
 * GCP's catalog needs an API key and is skipped without one.
 */
export async function readPriceLists(
  options: {
    endpoints?: PriceListEndpoints;
    regions?: Record<Cloud, readonly string[]>;
    gcpApiKey?: string;
    stallMs?: number;
  } = {},
): Promise<PriceListsRead> {
  const endpoints = options.endpoints ?? PUBLIC_PRICE_LISTS;
  const regions = options.regions ?? REFRESHED_REGIONS;
  const fetchOptions = { stallMs: options.stallMs };
  const result: PriceListsRead = { prices: {}, failures: [], read: [] };
  const attempt = async (list: string, read: () => Promise<string>) => {
    try {
      result.read.push(`${list}: ${await read()}`);
    } catch (error) {
      result.failures.push({
        list,
        error: (error as Error).message ?? String(error),
      });
    }
  };

  for (const region of regions.aws) {
    for (const offerCode of AWS_OFFERS) {
      await attempt(`aws ${region} ${offerCode}`, async () => {
        const csv = offerCode === 'AmazonEC2';
        const url = `${endpoints.aws}/${offerCode}/current/${region}/index.${
          csv ? 'csv' : 'json'
        }`;
        const offer: AwsOfferFile = csv
          ? await readAwsOfferCsv(
              readline.createInterface({
                input: await openPriceList(url, fetchOptions),
              }),
              row =>
                ['Compute Instance', 'Storage', 'NAT Gateway'].includes(
                  row['Product Family'],
                ),
            )
          : await fetchPriceListJson<AwsOfferFile>(url, fetchOptions);
        const prices = pricesFromAwsOffer(offer, { source: url });
        const table = ((result.prices.aws ??= {})[region] ??= {});
        Object.assign(table, prices);
        return `${Object.keys(prices).length} prices, offer ${offer.version}`;
      });
    }
  }

  const azureItems: AzureRetailItem[] = [];
  for (const region of regions.azure) {
    for (const service of AZURE_SERVICES) {
      await attempt(`azure ${region} ${service}`, async () => {
        const filter = `armRegionName eq '${region}' and serviceName eq '${service}' and priceType eq 'Consumption'`;
        const items: AzureRetailItem[] = [];
        let url: string | undefined = `${
          endpoints.azure
        }?$filter=${encodeURIComponent(filter)}`;
        while (url) {
          const page: { Items: AzureRetailItem[]; NextPageLink?: string } =
            await fetchPriceListJson(url, fetchOptions);
          items.push(...page.Items);
          url = page.NextPageLink || undefined;
        }
        // Only whole services are kept: a service that failed halfway adds nothing.
        azureItems.push(...items);
        return `${items.length} meters`;
      });
    }
  }
  if (azureItems.length)
    result.prices.azure = pricesFromAzureRetail(azureItems);

  if (!options.gcpApiKey) {
    result.failures.push({
      list: 'gcp Cloud Billing Catalog',
      error:
        'GOOGLE_BILLING_API_KEY is not set: GCP prices come from the generated files and the curated table',
    });
  } else {
    const key = encodeURIComponent(options.gcpApiKey);
    const skus: GcpSku[] = [];
    let services: Array<{ serviceId: string; displayName: string }> = [];
    await attempt('gcp services', async () => {
      ({ services } = await fetchPriceListJson<{
        services: Array<{ serviceId: string; displayName: string }>;
      }>(`${endpoints.gcp}/services?key=${key}&pageSize=5000`, fetchOptions));
      return `${services.length} services`;
    });
    for (const service of services.filter(s =>
      GCP_SERVICES.includes(s.displayName),
    )) {
      await attempt(`gcp ${service.displayName}`, async () => {
        const serviceSkus: GcpSku[] = [];
        let pageToken = '';
        do {
          const page: { skus: GcpSku[]; nextPageToken?: string } =
            await fetchPriceListJson(
              `${endpoints.gcp}/services/${service.serviceId}/skus?key=${key}&pageSize=5000&pageToken=${pageToken}`,
              fetchOptions,
            );
          serviceSkus.push(...page.skus);
          pageToken = page.nextPageToken ?? '';
        } while (pageToken);
        skus.push(...serviceSkus);
        return `${serviceSkus.length} SKUs`;
      });
    }
    if (skus.length) {
      result.prices.gcp = pricesFromGcpSkus(skus, {
        regions: [...regions.gcp],
      });
    }
  }
  return result;
}
