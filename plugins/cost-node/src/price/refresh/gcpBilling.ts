import { LIVE_API } from '../generate/sourceFile';
import { Price } from '../types';

/** One SKU of the Cloud Billing Catalog API (`/v1/services/{service}/skus`). */
export interface GcpSku {
  skuId: string;
  description: string;
  category: {
    serviceDisplayName: string;
    resourceFamily?: string;
    resourceGroup?: string;
    usageType?: string;
  };
  serviceRegions: string[];
  pricingInfo: Array<{
    pricingExpression: {
      usageUnit: string;
      tieredRates: Array<{
        startUsageAmount: number;
        unitPrice: { currencyCode: string; units: string; nanos: number };
      }>;
    };
  }>;
}

/** Machines Forja prices from per-core and per-GB rates: billed cores and GB of memory. */
const MACHINES: Record<string, [family: string, cores: number, ramGb: number]> =
  {
    // e2-medium shares two vCPUs at half time: billed as one core.
    'e2-medium': ['E2', 1, 4],
    'e2-standard-2': ['E2', 2, 8],
    'e2-standard-4': ['E2', 4, 16],
    'e2-standard-8': ['E2', 8, 32],
    'e2-highmem-2': ['E2', 2, 16],
    'n2-standard-2': ['N2', 2, 8],
    'n2-standard-4': ['N2', 4, 16],
  };

/** Description patterns and the key each gives (`$1` lower-cased, `$2` as written). */
const SKU_KEYS: Array<[RegExp, string]> = [
  [/^(E2|N2) Instance Core running in /, 'core:$1'],
  [/^(E2|N2) Instance Ram running in /, 'ram:$1'],
  [/^Balanced PD Capacity in /, 'disk:pd-balanced'],
  [/^SSD backed PD Capacity in /, 'disk:pd-ssd'],
  [/^Storage PD Capacity in /, 'disk:pd-standard'],
  [/^Regional Kubernetes Clusters$/, 'gke:cluster'],
  [
    /^Cloud SQL for PostgreSQL: (Zonal|Regional) - vCPU in /,
    'cloudsql:vcpu:$1',
  ],
  [/^Cloud SQL for PostgreSQL: (Zonal|Regional) - RAM in /, 'cloudsql:ram:$1'],
  [
    /^Cloud SQL for PostgreSQL: (Zonal|Regional) - Standard storage in /,
    'cloudsql:storage:ssd:$1',
  ],
  [
    /^Cloud SQL for PostgreSQL: (Zonal|Regional) - Low cost storage in /,
    'cloudsql:storage:hdd:$1',
  ],
  [
    /^Cloud SQL for PostgreSQL: (Zonal|Regional) - Micro instance in /,
    'cloudsql:db-f1-micro:$1',
  ],
  [
    /^Cloud SQL for PostgreSQL: (Zonal|Regional) - Small instance in /,
    'cloudsql:db-g1-small:$1',
  ],
  [/^Redis Capacity (Basic|Standard) (M[1-5]) /, 'memorystore:$1:$2'],
  [/^Message Delivery Basic$/, 'pubsub:tib'],
  [/^Artifact Registry Storage$/, 'artifactregistry:storage'],
  [/^NAT Gateway: Uptime charge/, 'nat:vm-hour'],
  [/Forwarding Rule Minimum Service Charge/, 'lb:rule'],
  [/^Network Load Balancing: Data Processing Charge/, 'lb:gb'],
  [/^NAT Gateway: Data processing charge/, 'nat:gb'],
  [/^Standard Storage (?!.*Multi-region)(?!.*Dual-region)/, 'gcs:standard'],
];

function keyOf(sku: GcpSku): string | undefined {
  if (sku.category.usageType && sku.category.usageType !== 'OnDemand') {
    return undefined;
  }
  for (const [pattern, key] of SKU_KEYS) {
    const match = pattern.exec(sku.description);
    if (match) {
      return key.replace('$1', match[1]?.toLowerCase()).replace('$2', match[2]);
    }
  }
  return undefined;
}

/** The first paid tier's price in USD: a free allowance is not the list price. */
function listPrice(sku: GcpSku): number | undefined {
  const rates = sku.pricingInfo[0]?.pricingExpression.tieredRates ?? [];
  const usd = rates
    .filter(r => r.unitPrice.currencyCode === 'USD')
    .map(r => Number(r.unitPrice.units) + r.unitPrice.nanos / 1e9);
  return usd.find(p => p > 0) ?? usd[0];
}

/**
 * Prices of Cloud Billing Catalog SKUs under Forja's keys for the regions asked (a global
 * SKU applies to each); machine types are their family's core and memory rates combined.
 */
export function pricesFromGcpSkus(
  skus: GcpSku[],
  options: { regions: string[] },
): Record<string, Record<string, Price>> {
  const byRegion: Record<string, Record<string, Price>> = Object.fromEntries(
    options.regions.map(r => [r, {}]),
  );
  for (const sku of skus) {
    const key = keyOf(sku);
    const usd = listPrice(sku);
    if (!key || usd === undefined) continue;
    const regions = sku.serviceRegions.includes('global')
      ? options.regions
      : sku.serviceRegions.filter(r => options.regions.includes(r));
    for (const region of regions) {
      byRegion[region][key] = {
        usd,
        unit: sku.pricingInfo[0].pricingExpression.usageUnit,
        source: LIVE_API,
        ref: `Cloud Billing Catalog API (${sku.category.serviceDisplayName}, SKU ${sku.skuId}: ${sku.description})`,
      };
    }
  }
  for (const prices of Object.values(byRegion)) {
    for (const [machine, [family, cores, ramGb]] of Object.entries(MACHINES)) {
      const core = prices[`core:${family.toLowerCase()}`];
      const ram = prices[`ram:${family.toLowerCase()}`];
      if (!core || !ram) continue;
      prices[`gce:${machine}`] = {
        usd: cores * core.usd + ramGb * ram.usd,
        unit: 'h',
        source: LIVE_API,
        ref: `${cores} x ${core.ref} + ${ramGb} x ${ram.ref}`,
      };
    }
    for (const key of Object.keys(prices)) {
      if (/^(core|ram):/.test(key)) delete prices[key];
    }
  }
  return byRegion;
}
