import {
  checkProvenance,
  CloudPrices,
  derived,
  Exclusion,
  generatedSource,
  isoDate,
  isPrice,
  put,
  SourcePrices,
  Upstream,
} from './sourceFile';
import { HOURS_PER_MONTH } from '../types';

/** A figure per region: `{ <region>: { hour?, month?, ... } }`. */
type RegionalCost = Record<string, Record<string, number> | undefined>;

/**
 * The parts of `prices/sources/gcp-pricing.yml` (Cyclenerd's google-cloud-pricing-cost-
 * calculator `pricing.yml`, generated from the Cloud Billing Catalog API) Forja reads.
 */
export interface GcpCyclenerdFile {
  about: { url: string; generated?: string; timestamp: number };
  compute: {
    instance: Record<string, { cost?: RegionalCost }>;
    storage: Record<string, { cost?: RegionalCost }>;
    network: {
      ip?: Record<string, { cost?: RegionalCost }>;
      nat?: Record<string, { cost?: RegionalCost }>;
    };
  };
  storage?: { bucket?: Record<string, { cost?: RegionalCost }> };
}

export const GCP_CYCLENERD: Upstream & { generated: string } = {
  id: 'gcp-cyclenerd',
  file: 'prices/sources/gcp-pricing.yml',
  repository: 'github.com/Cyclenerd/google-cloud-pricing-cost-calculator',
  path: 'pricing.yml',
  commit: 'fd66b26ff84fee5cdd94f341ea89206e76c06b99',
  license: 'Apache-2.0',
  // The file names its repository and generation time, not its commit: a newer file must
  // come with its commit here.
  generated: '2026-07-30',
};

/** Persistent disk types by the file's names. */
const DISKS: Record<string, string> = {
  hdd: 'pd-standard',
  balanced: 'pd-balanced',
  ssd: 'pd-ssd',
};

/** Cloud Storage classes by the file's names (`storage_class`, lower-cased). */
const BUCKET_CLASSES: Record<string, string> = {
  standard: 'standard',
  nearline: 'nearline',
  coldline: 'coldline',
  archiv: 'archive',
  dra: 'durable_reduced_availability',
};

/** A bucket's `location` for the file's multi-regions (dual-regions keep their names). */
const MULTI_REGIONS: Record<string, string> = {
  'us-multi': 'us',
  'europe-multi': 'eu',
  'asia-multi': 'asia',
};

/** Cloud NAT bills per VM up to 32; the file gives the 32-VM cap. */
const NAT_VM_CAP = 32;

/**
 * Compute Engine machine types under `gce:<type>` (per hour running all month: the file's
 * `month` / 730, which includes sustained-use discounts where a family has them, else the
 * on-demand `hour`), every family (GPU and
 * bare-metal types too, priced by their name alone); persistent disks per GB-month
 * (`disk:pd-standard`, `pd-balanced`, `pd-ssd`); Cloud NAT per VM-hour and per GB; external
 * IP addresses per hour (`ip:external` in use by a VM, `ip:external:unused`); Cloud
 * Storage per GB-month (`gcs:<class>`, in regions, dual-regions and the multi-regions `us`,
 * `eu` and `asia`). Every region the file gives.
 */
export function pricesFromGcpCyclenerd(
  file: GcpCyclenerdFile,
  upstream: Upstream & { generated: string } = GCP_CYCLENERD,
): SourcePrices {
  checkProvenance(upstream, file.about.url, [upstream.repository]);
  const generated = isoDate(file.about.timestamp);
  if (generated !== upstream.generated) {
    throw new Error(
      `${upstream.file} was generated on ${generated}, not ${upstream.generated}: update its upstream commit and date in src/price/generate and prices/sources/README.md`,
    );
  }
  const prices: CloudPrices = {};
  const excluded: Exclusion[] = [];
  const source = upstream.id;
  const each = (
    cost: RegionalCost | undefined,
    figure: string,
    name: string,
    add: (region: string, usd: number) => void,
  ) => {
    for (const [region, figures] of Object.entries(cost ?? {})) {
      const usd = figures?.[figure];
      if (isPrice(usd)) add(region, usd);
      else
        excluded.push({ region, name, reason: `no positive ${figure} price` });
    }
  };

  for (const [machine, { cost }] of Object.entries(file.compute.instance)) {
    each(cost, 'hour', machine, (region, hour) => {
      // A machine running all month gets its sustained-use discount (N1, N2, N2D, C2, M1...):
      // the file's `month` has it, so an always-on hour costs month / 730.
      const month = cost?.[region]?.month;
      const discounted =
        isPrice(month) && month < hour * HOURS_PER_MONTH - 1e-6;
      put(prices, 'gcp', region, `gce:${machine}`, {
        usd: discounted ? month / HOURS_PER_MONTH : hour,
        unit: 'hour',
        source,
        ...(discounted && {
          ref: `month ${month} / 730: sustained-use discount included (list price ${hour} an hour)`,
        }),
      });
    });
  }
  for (const [name, disk] of Object.entries(DISKS)) {
    each(file.compute.storage[name]?.cost, 'month', name, (region, usd) =>
      put(prices, 'gcp', region, `disk:${disk}`, {
        usd,
        unit: 'GB-month',
        source,
      }),
    );
  }
  const { nat, ip } = file.compute.network;
  each(nat?.gateway?.cost, 'hour', 'nat.gateway', (region, usd) =>
    put(prices, 'gcp', region, 'nat:vm-hour', {
      usd: derived(usd / NAT_VM_CAP),
      unit: 'VM-hour',
      source,
      ref: `compute.network.nat.gateway hour (${usd}, the ${NAT_VM_CAP}-VM cap) / ${NAT_VM_CAP}`,
    }),
  );
  each(nat?.data?.cost, 'month', 'nat.data', (region, usd) =>
    put(prices, 'gcp', region, 'nat:gb', { usd, unit: 'GB', source }),
  );
  each(ip?.vm?.cost, 'hour', 'ip.vm', (region, usd) =>
    put(prices, 'gcp', region, 'ip:external', { usd, unit: 'hour', source }),
  );
  each(ip?.unused?.cost, 'hour', 'ip.unused', (region, usd) =>
    put(prices, 'gcp', region, 'ip:external:unused', {
      usd,
      unit: 'hour',
      source,
    }),
  );
  for (const [bucket, { cost }] of Object.entries(file.storage?.bucket ?? {})) {
    const [name, scope] = bucket.split('-');
    const klass = BUCKET_CLASSES[name];
    if (!klass) {
      excluded.push({
        name: bucket,
        reason: 'a storage class Forja does not price',
      });
      continue;
    }
    each(cost, 'month', bucket, (location, usd) =>
      put(
        prices,
        'gcp',
        scope === 'multi' ? MULTI_REGIONS[location] ?? location : location,
        `gcs:${klass}`,
        { usd, unit: 'GB-month', source },
      ),
    );
  }
  return {
    id: source,
    source: generatedSource(
      upstream,
      'Google Cloud list prices in USD: Compute Engine machine types (on-demand, per hour), persistent disks, Cloud NAT, external IP addresses and Cloud Storage, per region',
      generated,
    ),
    prices,
    excluded,
  };
}
