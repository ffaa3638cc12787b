#!/usr/bin/env node
// The forja-cost command: Forja's cost engine from the built package (dist), offline.
const { forjaCostCli } = require('../dist/index.cjs.js');

forjaCostCli(process.argv.slice(2)).then(
  code => process.exit(code),
  error => {
    process.stderr.write(`forja-cost: ${error?.message ?? error}\n`);
    process.exit(1);
  },
);
