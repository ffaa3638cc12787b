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
import { parseArgs } from 'node:util';
import { BUNDLED_CATALOG_PATH, loadCatalog } from '../catalog';
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
import { GoldenTable } from '../generate/infracostGolden';
import { compareWithGolden } from '../oracle/compareGolden';
import { knownDifference } from '../oracle/knownDifferences';
import { REFRESHED_REGIONS } from '../regions';
import { Cloud } from '../types';
import { readPriceLists } from './readPriceLists';

const LIVE_FILE = path.join(PRICES_DIR, 'sources', 'live-api.json');

/**
 * With internet: reads the price lists for the regions Forja refreshes, keeps what they
 * gave as `prices/sources/live-api.json` (an input the generator lays over the generated
 * files and the curated table) and regenerates the catalog.
 */
async function refresh(out: string) {
  const retrievedAt = new Date().toISOString().slice(0, 10);
  const { prices, failures, read } = await readPriceLists({
    gcpApiKey: process.env.GOOGLE_BILLING_API_KEY,
  });
  read.forEach(line => console.error(line));
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
  for (const cloud of Object.keys(REFRESHED_REGIONS) as Cloud[]) {
    for (const region of REFRESHED_REGIONS[cloud]) {
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
  if (failures.length) {
    console.log(
      `${failures.length} price lists could not be read (their prices stay as generated or curated):`,
    );
    failures.forEach(f => console.log(`  ${f.list}: ${f.error}`));
  }
}

const USAGE = `Usage: ./forja cost-prices [--generate | --check] [--out <file>]

  --generate  write the catalog from prices/sources/ and prices/curated.json
  --check     exit 1, naming the first differences, when the catalog is not the
              regeneration of its inputs
  --oracle    the Infracost golden cases (prices/infracost-golden.json) priced by
              Forja, Infracost's figure beside Forja's
  (neither)   read the clouds' price lists (needs internet; GCP needs
              GOOGLE_BILLING_API_KEY) into prices/sources/live-api.json, then generate`;

async function main(): Promise<number> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: BUNDLED_CATALOG_PATH },
      generate: { type: 'boolean' },
      check: { type: 'boolean' },
      oracle: { type: 'boolean' },
      help: { type: 'boolean' },
    },
  });
  const out = values.out!;
  if (values.help || (values.generate && values.check)) {
    console.error(USAGE);
    return values.help ? 0 : 2;
  }
  if (values.oracle) {
    const golden: GoldenTable = JSON.parse(
      await fs.readFile(path.join(PRICES_DIR, 'infracost-golden.json'), 'utf8'),
    );
    console.log(
      `Infracost golden cases (${golden.repository} at ${golden.commit.slice(
        0,
        7,
      )}) priced with ${out}:`,
    );
    console.log('status\tcase\tregion\tprice key\tInfracost\tForja\twhy');
    for (const c of await compareWithGolden(golden, loadCatalog(out))) {
      const known = knownDifference(c);
      console.log(
        [
          c.status,
          c.address,
          c.region,
          c.priceKey,
          c.infracost.toFixed(2),
          c.forja?.toFixed(2) ?? '-',
          known ? `${known.kind}: ${known.why}` : '',
        ].join('\t'),
      );
    }
    return 0;
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
