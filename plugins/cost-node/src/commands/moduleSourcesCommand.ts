import { gitModuleSources } from '../diff/moduleSources';

export const MODULE_SOURCES_USAGE = `Usage: forja-cost module-sources <checkout>

Prints "<repository> <ref>" for each Git repository the checkout's Terraform takes modules
from (https URLs and plain refs only), for a workflow to clone and pass to
\`forja-cost diff --module-repository <repository>=<dir>\`.`;

export async function moduleSourcesCommand(argv: string[]): Promise<number> {
  if (argv.length !== 1 || argv[0].startsWith('-')) {
    process.stderr.write(`${MODULE_SOURCES_USAGE}\n`);
    return argv[0] === '--help' ? 0 : 2;
  }
  for (const source of await gitModuleSources(argv[0])) {
    process.stdout.write(
      `${`${source.repository} ${source.ref ?? ''}`.trimEnd()}\n`,
    );
  }
  return 0;
}
