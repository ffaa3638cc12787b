// forja-cost from the sources (`node --require @backstage/cli/config/nodeTransform.cjs`),
// as the demo runs it in this repository; the package's bin runs the built dist instead.
import { forjaCostCli } from './forjaCost';

forjaCostCli(process.argv.slice(2)).then(
  code => process.exit(code),
  error => {
    process.stderr.write(`forja-cost: ${error?.message ?? error}\n`);
    process.exit(1);
  },
);
