import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { diffEstimates } from '../diff/diffEstimates';
import { priceCheckout, PriceCheckoutOptions } from '../diff/priceCheckout';
import { formatDiffMarkdown } from '../format/diffMarkdown';
import { PACKAGE_DIR } from '../paths';
import { loadCatalog } from '../price/catalog';
import { DEFAULT_MAX_PRICE_AGE_DAYS, priceFreshness } from '../price/freshness';
import { Cloud, UsageFile } from '../price/types';

export const DIFF_USAGE = `Usage: forja-cost diff --base <checkout> --head <checkout> [<path>...]
         [--format markdown|json] [--usage <file>] [--module-repository <url>=<dir>]...
         [--cloud aws|azure|gcp --region <region> [--node-machine <type>]]
         [--catalog <file>] [--max-price-age <days>]

Prices the same paths (default: the whole checkout) in a pull request's base and head
checkouts, offline, and prints the monthly difference per project and resource. Nothing
outside each checkout is read and nothing is fetched: Git module sources are priced only
from local copies given with --module-repository (see \`forja-cost module-sources\`).`;

/** The engine's version, as the comment names it. */
export const engineVersion = () =>
  `@forja/plugin-cost-node ${
    JSON.parse(readFileSync(path.join(PACKAGE_DIR, 'package.json'), 'utf8'))
      .version
  }`;

function moduleRepositories(values: string[] = []): Record<string, string> {
  const repositories: Record<string, string> = {};
  for (const value of values) {
    const split = value.lastIndexOf('=');
    if (split <= 0) {
      throw new Error(`--module-repository ${value}: expected <url>=<dir>`);
    }
    repositories[value.slice(0, split)] = path.resolve(value.slice(split + 1));
  }
  return repositories;
}

export async function diffCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      base: { type: 'string' },
      head: { type: 'string' },
      format: { type: 'string', default: 'markdown' },
      usage: { type: 'string' },
      'module-repository': { type: 'string', multiple: true },
      cloud: { type: 'string' },
      region: { type: 'string' },
      'node-machine': { type: 'string' },
      catalog: { type: 'string' },
      'max-price-age': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help || !values.base || !values.head) {
    process.stderr.write(`${DIFF_USAGE}\n`);
    return values.help ? 0 : 2;
  }
  if (!['markdown', 'json'].includes(values.format!)) {
    process.stderr.write('--format must be markdown or json\n');
    return 2;
  }
  const maxAgeDays = Number(
    values['max-price-age'] ?? DEFAULT_MAX_PRICE_AGE_DAYS,
  );
  if (!Number.isInteger(maxAgeDays) || maxAgeDays < 0) {
    process.stderr.write('--max-price-age must be a number of days\n');
    return 2;
  }
  const options: PriceCheckoutOptions = {
    catalog: loadCatalog(values.catalog),
    usage: values.usage
      ? (parseYaml(readFileSync(values.usage, 'utf8')) as UsageFile)
      : undefined,
    moduleRepositories: moduleRepositories(values['module-repository']),
    kubernetes:
      values.cloud && values.region
        ? {
            cloud: values.cloud as Cloud,
            region: values.region,
            machine: values['node-machine'],
          }
        : undefined,
  };
  const paths = positionals.length ? positionals : ['.'];
  const base = path.resolve(values.base);
  const head = path.resolve(values.head);
  const diff = diffEstimates(
    await priceCheckout(base, paths, options),
    await priceCheckout(head, paths, options),
    { base, head },
  );
  const freshness = priceFreshness(diff.priceSources, { maxAgeDays });
  process.stdout.write(
    values.format === 'json'
      ? `${JSON.stringify({ ...diff, priceFreshness: freshness }, null, 2)}\n`
      : formatDiffMarkdown(diff, { engineVersion: engineVersion() }),
  );
  if (freshness?.stale) {
    process.stderr.write(
      `forja-cost: prices retrieved ${freshness.retrievedAt} are ${freshness.ageDays} days old, older than ${maxAgeDays}\n`,
    );
  }
  return 0;
}
