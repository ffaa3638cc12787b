import { LIVE_API } from '../generate/sourceFile';
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

/** `usagetype` ends with `name` (usage types carry a region prefix such as `SAE1-`). */
const usageIs = (usage: string, name: string) =>
  usage === name || usage.endsWith(`-${name}`);

/** Usage types priced per unit that Forja quotes per thousand or million. */
const PER_MILLION = 1e6;
const PER_THOUSAND = 1e3;

type Key = [key: string, factor: number] | undefined;

const UNIT_PREFIX: Record<number, string> = {
  [PER_MILLION]: '1M ',
  [PER_THOUSAND]: '1k ',
};

/** The key of usage-type priced products: `[usage type, key, factor]` per offer. */
const USAGE_KEYS: Record<string, Array<[string, string, number]>> = {
  AmazonVPC: [['PublicIPv4:InUseAddress', 'ipv4:hour', 1]],
  AmazonEKS: [['AmazonEKS-Hours:perCluster', 'eks:cluster', 1]],
  AmazonECS: [
    ['Fargate-vCPU-Hours:perCPU', 'fargate:vcpu', 1],
    ['Fargate-GB-Hours', 'fargate:gb', 1],
  ],
  AmazonRDS: [
    ['Aurora:StorageUsage', 'aurora:storage', 1],
    ['Aurora:StorageIOUsage', 'aurora:io', PER_MILLION],
  ],
  AmazonDynamoDB: [
    ['WriteRequestUnits', 'dynamodb:wru', PER_MILLION],
    ['ReadRequestUnits', 'dynamodb:rru', PER_MILLION],
    ['TimedStorage-ByteHrs', 'dynamodb:storage', 1],
    ['WriteCapacityUnit-Hrs', 'dynamodb:wcu', 1],
    ['ReadCapacityUnit-Hrs', 'dynamodb:rcu', 1],
  ],
  AmazonS3: [
    ['TimedStorage-ByteHrs', 's3:standard', 1],
    ['Requests-Tier1', 's3:tier1', PER_THOUSAND],
    ['Requests-Tier2', 's3:tier2', PER_THOUSAND],
  ],
  AWSQueueService: [
    ['Requests-RBP', 'sqs:standard', PER_MILLION],
    ['Requests-FIFO-RBP', 'sqs:fifo', PER_MILLION],
  ],
  AmazonECR: [['TimedStorage-ByteHrs', 'ecr:storage', 1]],
  AmazonCloudWatch: [
    ['DataProcessing-Bytes', 'logs:ingest', 1],
    ['TimedStorage-ByteHrs', 'logs:storage', 1],
  ],
};

const ELB_FAMILIES: Record<string, string> = {
  'Load Balancer-Application': 'alb',
  'Load Balancer-Network': 'nlb',
};

const RDS_ENGINES: Record<string, string> = {
  PostgreSQL: 'postgres',
  MySQL: 'mysql',
  'Aurora PostgreSQL': 'aurora-postgresql',
  'Aurora MySQL': 'aurora-mysql',
};

function rdsKey(family: string | undefined, a: Record<string, string>): Key {
  const engine = RDS_ENGINES[a.databaseEngine ?? ''];
  if (family === 'Database Instance' && engine?.startsWith('aurora')) {
    return a.deploymentOption === 'Single-AZ'
      ? [`aurora:${engine}:${a.instanceType}`, 1]
      : undefined;
  }
  if (!['Single-AZ', 'Multi-AZ'].includes(a.deploymentOption ?? '')) {
    return undefined;
  }
  const az = a.deploymentOption === 'Multi-AZ' ? 'multi-az' : 'single-az';
  if (family === 'Database Instance' && engine) {
    return [`rds:${engine}:${az}:${a.instanceType}`, 1];
  }
  const storage = { 'General Purpose': 'gp2', 'General Purpose-GP3': 'gp3' }[
    a.volumeType ?? ''
  ];
  if (family === 'Database Storage' && storage && a.databaseEngine === 'Any') {
    return [`rds:storage:${storage}:${az}`, 1];
  }
  return undefined;
}

function ec2Key(family: string | undefined, a: Record<string, string>): Key {
  const usage = a.usagetype ?? '';
  if (
    family === 'Compute Instance' &&
    a.operatingSystem === 'Linux' &&
    a.tenancy === 'Shared' &&
    a.preInstalledSw === 'NA' &&
    (a.capacitystatus ?? 'Used') === 'Used' &&
    a.licenseModel !== 'Bring your own license'
  ) {
    return [`ec2:${a.instanceType}`, 1];
  }
  const volume = /EBS:VolumeUsage\.(\w+)$/.exec(usage);
  if (family === 'Storage' && volume) return [`ebs:${volume[1]}`, 1];
  if (family === 'NAT Gateway' && usageIs(usage, 'NatGateway-Hours'))
    return ['nat:hour', 1];
  if (family === 'NAT Gateway' && usageIs(usage, 'NatGateway-Bytes'))
    return ['nat:gb', 1];
  return undefined;
}

/** Forja's price key for a product and the factor to its quoted unit, if Forja prices it. */
function priceKey(
  offerCode: string,
  family: string | undefined,
  a: Record<string, string>,
): Key {
  const usage = a.usagetype ?? '';
  const byUsage = USAGE_KEYS[offerCode]?.find(([name]) => usageIs(usage, name));
  if (byUsage && !(offerCode === 'AmazonRDS' && !usage.includes('Aurora'))) {
    return [byUsage[1], byUsage[2]];
  }
  switch (offerCode) {
    case 'AmazonEC2':
      return ec2Key(family, a);
    case 'AmazonRDS':
      return rdsKey(family, a);
    case 'AWSELB': {
      const prefix = ELB_FAMILIES[family ?? ''];
      if (!prefix) return undefined;
      if (usageIs(usage, 'LoadBalancerUsage')) return [`${prefix}:hour`, 1];
      if (/LCUUsage$/.test(usage)) return [`${prefix}:lcu`, 1];
      return undefined;
    }
    case 'AmazonElastiCache':
      return family === 'Cache Instance' && a.cacheEngine === 'Redis'
        ? [`elasticache:${a.instanceType}`, 1]
        : undefined;
    case 'AmazonMQ': {
      const engine = { RabbitMQ: 'rabbitmq', ActiveMQ: 'activemq' }[
        a.brokerEngine ?? ''
      ];
      if (family === 'Broker Instances' && engine) {
        return a.deploymentOption === 'Single-AZ'
          ? [`mq:${engine}:${a.instanceType}`, 1]
          : undefined;
      }
      return family === 'Broker Storage' && /EFS/.test(usage)
        ? ['mq:storage', 1]
        : undefined;
    }
    default:
      return undefined;
  }
}

/**
 * Prices of one regional offer file under Forja's keys: the on-demand price of each
 * product Forja prices, in its first paid tier, converted to the unit Forja quotes.
 */
export function pricesFromAwsOffer(
  offer: AwsOfferFile,
  options: { source: string },
): Record<string, Price> {
  const prices: Record<string, Price> = {};
  for (const [sku, product] of Object.entries(offer.products)) {
    const found = priceKey(
      offer.offerCode,
      product.productFamily,
      product.attributes,
    );
    if (!found) continue;
    const [key, factor] = found;
    // The first paid tier: a free allowance (a first tier at 0) is not the list price.
    const tiers = Object.values(offer.terms.OnDemand?.[sku] ?? {})
      .flatMap(term => Object.values(term.priceDimensions))
      .map(d => ({ ...d, usd: Number(d.pricePerUnit.USD) }))
      .filter(d => !Number.isNaN(d.usd))
      .sort((a, b) => Number(a.beginRange ?? 0) - Number(b.beginRange ?? 0));
    const tier = tiers.find(d => d.usd > 0) ?? tiers[0];
    if (!tier) continue;
    prices[key] = {
      usd: tier.usd * factor,
      unit: `${UNIT_PREFIX[factor] ?? ''}${tier.unit}`,
      source: LIVE_API,
      ref: `${options.source} (${offer.offerCode} ${offer.version}, SKU ${sku})`,
    };
  }
  return prices;
}

/** CSV columns of an offer file and the attribute names of its JSON form. */
const CSV_ATTRIBUTES: Record<string, string> = {
  'Instance Type': 'instanceType',
  'Operating System': 'operatingSystem',
  Tenancy: 'tenancy',
  'Pre Installed S/W': 'preInstalledSw',
  CapacityStatus: 'capacitystatus',
  'License Model': 'licenseModel',
  usageType: 'usagetype',
};

/** One CSV line's fields (quoted fields may hold commas and doubled quotes). */
function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else field += c;
  }
  fields.push(field);
  return fields;
}

/**
 * An offer file's CSV form (`index.csv`: five metadata lines, a header, one row per price
 * dimension), read line by line into the JSON form's products and on-demand terms, keeping
 * only rows `keep` accepts: EC2's CSV is hundreds of megabytes.
 */
export async function readAwsOfferCsv(
  lines: AsyncIterable<string>,
  keep: (row: Record<string, string>) => boolean,
): Promise<AwsOfferFile> {
  const offer: AwsOfferFile = {
    offerCode: '',
    version: '',
    products: {},
    terms: { OnDemand: {} },
  };
  let header: string[] | undefined;
  for await (const line of lines) {
    const fields = csvFields(line);
    if (!header) {
      if (fields[0] === 'Version') offer.version = fields[1];
      else if (fields[0] === 'OfferCode') offer.offerCode = fields[1];
      else if (fields[0] === 'Publication Date')
        offer.publicationDate = fields[1];
      else if (fields[0] === 'SKU') header = fields;
      continue;
    }
    const row = Object.fromEntries(header.map((name, i) => [name, fields[i]]));
    if (row.TermType !== 'OnDemand' || !keep(row)) continue;
    const attributes: Record<string, string> = {};
    for (const [column, attribute] of Object.entries(CSV_ATTRIBUTES)) {
      if (row[column]) attributes[attribute] = row[column];
    }
    offer.products[row.SKU] ??= {
      sku: row.SKU,
      productFamily: row['Product Family'],
      attributes,
    };
    const terms = (offer.terms.OnDemand![row.SKU] ??= {});
    (terms[row.OfferTermCode] ??= { priceDimensions: {} }).priceDimensions[
      row.RateCode
    ] = {
      unit: row.Unit,
      pricePerUnit: { USD: row.PricePerUnit },
      beginRange: row.StartingRange,
    };
  }
  return offer;
}
