#!/usr/bin/env node
// Pins packages the reachable registry lacks (Yarn's YN0082 "No candidates found")
// to their newest published version in root `resolutions`, then retries the install.
// Used by `./forja` when an install stops on YN0082; the pins it writes are committed.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const MAX_ROUNDS = 200;
const YN0082 = /YN0082: .*?(@?[^@\s│]+)@npm:([^:\s]+): No candidates found/;

function pinNewest(name) {
  const out = execFileSync('npm', ['view', name, 'version', '--json'], {
    encoding: 'utf8',
  });
  const version = JSON.parse(out);
  const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
  pkg.resolutions = { ...pkg.resolutions, [name]: version };
  pkg.resolutions = Object.fromEntries(
    Object.entries(pkg.resolutions).sort(([a], [b]) => a.localeCompare(b)),
  );
  writeFileSync('package.json', `${JSON.stringify(pkg, null, 2)}\n`);
  return version;
}

for (let round = 1; round <= MAX_ROUNDS; round++) {
  const run = spawnSync('yarn', ['install'], { encoding: 'utf8' });
  const output = `${run.stdout}${run.stderr}`;
  if (run.status === 0) {
    console.log(`install succeeded after ${round - 1} pin(s)`);
    process.exit(0);
  }
  const missing = output.match(YN0082);
  if (!missing) {
    process.stderr.write(output.split('\n').slice(-40).join('\n'));
    console.error('install failed for a reason other than a missing package');
    process.exit(1);
  }
  const [, name, range] = missing;
  const version = pinNewest(name);
  console.log(`pinned ${name} (wanted ${range}) to ${version}`);
}
console.error(`gave up after ${MAX_ROUNDS} pins`);
process.exit(1);
