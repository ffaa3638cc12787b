import { Price } from '../types';

/**
 * The parts of an AWS Price List offer file (`.../offers/v1.0/aws/<Offer>/current/
 * <region>/index.json`) Forja reads: products with attributes, and on-demand terms with
 * their price dimensions.
 */
export interface AwsOfferFile {
  offerCode: string;
  version: string;
  publicationDate?: string;
  products: Record<
    string,
    { sku: string; productFamily?: string; attributes: Record<string, string> }
  >;
  terms: {
    OnDemand?: Record<
      string,
      Record<
        string,
        {
          priceDimensions: Record<
            string,
            {
              unit: string;
              pricePerUnit: { USD?: string };
              beginRange?: string;
            }
          >;
        }
      >
    >;
  };
}

/** Forja's price key for a product, or undefined for products Forja does not price. */
function priceKey(
  offerCode: string,
  family: string | undefined,
  a: Record<string, string>,
): string | undefined {
  const usage = a.usagetype ?? '';
  if (offerCode === 'AmazonEC2') {
    if (
      family === 'Compute Instance' &&
      a.operatingSystem === 'Linux' &&
      a.tenancy === 'Shared' &&
      a.preInstalledSw === 'NA' &&
      (a.capacitystatus ?? 'Used') === 'Used' &&
      a.licenseModel !== 'Bring your own license'
    ) {
      return `ec2:${a.instanceType}`;
    }
    const volume = /EBS:VolumeUsage\.(\w+)$/.exec(usage);
    if (family === 'Storage' && volume) return `ebs:${volume[1]}`;
    if (family === 'NAT Gateway' && /NatGateway-Hours$/.test(usage))
      return 'nat:hour';
    if (family === 'NAT Gateway' && /NatGateway-Bytes$/.test(usage))
      return 'nat:gb';
  }
  if (offerCode === 'AmazonEKS' && /AmazonEKS-Hours:perCluster$/.test(usage)) {
    return 'eks:cluster';
  }
  if (offerCode === 'AmazonRDS') {
    const az = a.deploymentOption === 'Multi-AZ' ? 'multi-az' : 'single-az';
    if (!['Single-AZ', 'Multi-AZ'].includes(a.deploymentOption ?? ''))
      return undefined;
    const engine = { PostgreSQL: 'postgres', MySQL: 'mysql' }[
      a.databaseEngine ?? ''
    ];
    if (family === 'Database Instance' && engine) {
      return `rds:${engine}:${az}:${a.instanceType}`;
    }
    const storage = { 'General Purpose': 'gp2', 'General Purpose-GP3': 'gp3' }[
      a.volumeType ?? ''
    ];
    if (
      family === 'Database Storage' &&
      storage &&
      a.databaseEngine === 'Any'
    ) {
      return `rds:storage:${storage}:${az}`;
    }
  }
  return undefined;
}

/**
 * Prices of one regional offer file under Forja's keys: the on-demand price of the first
 * tier of each product Forja prices (a product with several tiers keeps the one starting
 * at 0).
 */
export function pricesFromAwsOffer(
  offer: AwsOfferFile,
  options: { source: string; retrievedAt: string },
): Record<string, Price> {
  const prices: Record<string, Price> = {};
  for (const [sku, product] of Object.entries(offer.products)) {
    const key = priceKey(
      offer.offerCode,
      product.productFamily,
      product.attributes,
    );
    if (!key) continue;
    for (const term of Object.values(offer.terms.OnDemand?.[sku] ?? {})) {
      for (const dimension of Object.values(term.priceDimensions)) {
        const usd = Number(dimension.pricePerUnit.USD);
        if (Number.isNaN(usd) || (dimension.beginRange ?? '0') !== '0')
          continue;
        prices[key] = {
          usd,
          unit: dimension.unit,
          source: `${options.source} (${offer.offerCode} ${offer.version}, SKU ${sku})`,
          retrievedAt: options.retrievedAt,
        };
      }
    }
  }
  return prices;
}
