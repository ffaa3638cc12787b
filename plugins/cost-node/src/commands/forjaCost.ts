import { main as estimateCommand } from '../cli';
import { commentCommand } from './commentCommand';
import { diffCommand } from './diffCommand';
import { moduleSourcesCommand } from './moduleSourcesCommand';

const USAGE = `Usage: forja-cost <command> [options]   (--help after a command for its options)

  estimate <path>       monthly cost of a Terraform directory, plan JSON or manifests
  diff --base <dir> --head <dir> [<path>...]
                        the monthly difference between a pull request's base and head
  comment --repo <owner/repo> --pull <n> --body-file <file>
                        create or update the pull request's cost comment
  module-sources <dir>  the Git repositories a checkout's Terraform modules come from`;

const COMMANDS: Record<string, (argv: string[]) => Promise<number>> = {
  estimate: estimateCommand,
  diff: diffCommand,
  comment: commentCommand,
  'module-sources': moduleSourcesCommand,
};

/**
 * The `forja-cost` command the package ships (`bin`), for CI: Forja's cost engine offline
 * from its bundled catalog, and the pull request comment. Returns the exit code.
 */
export async function forjaCostCli(argv: string[]): Promise<number> {
  const command = COMMANDS[argv[0] ?? ''];
  if (!command) {
    process.stderr.write(`${USAGE}\n`);
    return ['--help', '-h', 'help'].includes(argv[0] ?? '') ? 0 : 2;
  }
  return command(argv.slice(1));
}
