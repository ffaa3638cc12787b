/* eslint-disable no-console */
import { validateCommand } from './validateCommand';
import { consoleLogger, renderCommand } from './renderCommand';
import { REPOSITORY_MODULES } from './forjaRoot';
import { renderExamplesCommand } from './renderExamples';
import { terraformDocsCommand } from './terraformDocs';

const USAGE = `usage:
  forja render <template> --values <file> --out <dir> [--from <repository dir>]
  forja validate <dir>
  forja render-examples [--check]
  forja terraform-docs [--check]`;

function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : undefined;
}

async function main(args: string[]): Promise<number> {
  const [command, target] = args;
  if (command === 'validate' && target) {
    return validateCommand(target, {
      moduleRepositories: REPOSITORY_MODULES,
    });
  }
  if (command === 'terraform-docs') {
    return terraformDocsCommand(args.includes('--check'), console.error);
  }
  if (command === 'render-examples') {
    return renderExamplesCommand(args.includes('--check'), consoleLogger());
  }
  const values = flag(args, '--values');
  const out = flag(args, '--out');
  if (command === 'render' && target && values && out) {
    return renderCommand({
      template: target,
      valuesFile: values,
      outDir: out,
      fromDir: flag(args, '--from'),
    });
  }
  console.error(USAGE);
  return 2;
}

main(process.argv.slice(2)).then(
  code => process.exit(code),
  error => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  },
);
