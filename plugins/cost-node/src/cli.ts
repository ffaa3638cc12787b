import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { estimatePath } from './estimatePath';
import { formatTable } from './format/table';
import { FORJA_REPOSITORY } from './paths';
import { loadCatalog } from './price/catalog';
import { DEFAULT_MAX_PRICE_AGE_DAYS, priceFreshness } from './price/freshness';
import { Cloud, UsageFile } from './price/types';

const USAGE = `Usage: ./forja cost <path> [--format json|table] [--usage <file>]
         [--cloud aws|azure|gcp --region <region> [--node-machine <type>]]
         [--kustomize-root <folder>] [--max-price-age <days>]

<path> is a Terraform directory (or a folder of them, such as environments/), a plan
JSON (terraform show -json), Kubernetes manifests or a Kustomize directory. Manifests
need --cloud and --region (the node they run on defaults to a 4 vCPU, 16 GiB machine).
A Kustomize build reads only local files under --kustomize-root (default: the Git checkout
<path> is in, else <path> itself). Prices older than --max-price-age days (default
${DEFAULT_MAX_PRICE_AGE_DAYS}) are flagged.`;

/** The nearest folder holding `.git` that contains `target`, else `target`. */
function checkoutOf(target: string): string {
  const start = path.resolve(target);
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, '.git'))) return dir;
    if (path.dirname(dir) === dir) return start;
  }
}

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      format: { type: 'string', default: 'table' },
      usage: { type: 'string' },
      cloud: { type: 'string' },
      region: { type: 'string' },
      'node-machine': { type: 'string' },
      catalog: { type: 'string' },
      'kustomize-root': { type: 'string' },
      'max-price-age': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || positionals.length !== 1) {
    process.stderr.write(`${USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!['json', 'table'].includes(values.format!)) {
    process.stderr.write(`--format must be json or table\n`);
    return 2;
  }
  const maxPriceAgeDays = Number(
    values['max-price-age'] ?? DEFAULT_MAX_PRICE_AGE_DAYS,
  );
  if (!Number.isInteger(maxPriceAgeDays) || maxPriceAgeDays < 0) {
    process.stderr.write(`--max-price-age must be a number of days\n`);
    return 2;
  }
  const usage = values.usage
    ? (parseYaml(readFileSync(values.usage, 'utf8')) as UsageFile)
    : undefined;
  const result = await estimatePath(positionals[0], {
    catalog: loadCatalog(values.catalog),
    usage,
    // `./forja cost` names its repository, whose terraform/modules Forja's sources point at.
    moduleRepositories: process.env.FORJA_ROOT
      ? { [FORJA_REPOSITORY]: process.env.FORJA_ROOT }
      : {},
    readRoot: values['kustomize-root'] ?? checkoutOf(positionals[0]),
    kubernetes:
      values.cloud && values.region
        ? {
            cloud: values.cloud as Cloud,
            region: values.region,
            machine: values['node-machine'],
          }
        : undefined,
  });
  const freshness = priceFreshness(result.priceSources, {
    maxAgeDays: maxPriceAgeDays,
  });
  process.stdout.write(
    values.format === 'json'
      ? `${JSON.stringify({ ...result, priceFreshness: freshness }, null, 2)}\n`
      : formatTable(result, { maxPriceAgeDays }),
  );
  if (freshness?.stale) {
    process.stderr.write(
      `forja cost: prices retrieved ${freshness.retrievedAt} are ${freshness.ageDays} days old, older than ${maxPriceAgeDays}; refresh them with ./forja cost-prices\n`,
    );
  }
  return 0;
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    code => process.exit(code),
    error => {
      process.stderr.write(`forja cost: ${error.message ?? error}\n`);
      process.exit(1);
    },
  );
}
