import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parse as parseYaml } from 'yaml';
import { estimatePath } from './estimatePath';
import { formatTable } from './format/table';
import { forjaModuleRepositories } from './paths';
import { loadCatalog } from './price/catalog';
import { Cloud, UsageFile } from './price/types';

const USAGE = `Usage: ./forja cost <path> [--format json|table] [--usage <file>]
         [--cloud aws|azure|gcp --region <region> [--node-machine <type>]]
         [--kustomize-root <folder>]

<path> is a Terraform directory (or a folder of them, such as environments/), a plan
JSON (terraform show -json), Kubernetes manifests or a Kustomize directory. Manifests
need --cloud and --region (the node they run on defaults to a 4 vCPU, 16 GiB machine).
A Kustomize build reads only local files under --kustomize-root (default: the Git checkout
<path> is in, else <path> itself).`;

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
  const usage = values.usage
    ? (parseYaml(readFileSync(values.usage, 'utf8')) as UsageFile)
    : undefined;
  const result = await estimatePath(positionals[0], {
    catalog: loadCatalog(values.catalog),
    usage,
    moduleRepositories: forjaModuleRepositories(),
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
  process.stdout.write(
    values.format === 'json'
      ? `${JSON.stringify(result, null, 2)}\n`
      : formatTable(result),
  );
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
