#!/usr/bin/env node
// Installs the Debian packages the tests use (packages/test-servers/debianPackages.json)
// that this machine lacks, in one apt-get run, before any suite starts: suites that
// installed them themselves ran apt-get while other suites' timers ticked.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const { '//': _comment, ...entries } = JSON.parse(
  readFileSync(join(root, 'packages/test-servers/debianPackages.json'), 'utf8'),
);

const present = probe =>
  spawnSync(probe[0], probe.slice(1), { stdio: 'ignore' }).status === 0;

const missing = Object.entries(entries).filter(([, e]) => !present(e.probe));
if (missing.length === 0) {
  console.log('every Debian package the tests use is installed');
  process.exit(0);
}
const packages = missing.flatMap(([, e]) => e.packages);
console.log(
  `installing for ${missing.map(([name]) => name).join(', ')}: ${packages.join(
    ' ',
  )}`,
);
for (const args of [
  ['update', '-qq'],
  ['install', '-y', '-qq', '--no-install-recommends', ...packages],
]) {
  const run = spawnSync('apt-get', args, {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
  if (run.status !== 0) {
    console.error(`apt-get ${args.join(' ')} failed`);
    process.exit(1);
  }
}
const still = missing.filter(([, e]) => !present(e.probe));
if (still.length) {
  console.error(
    `installed but not usable: ${still.map(([n]) => n).join(', ')}`,
  );
  process.exit(1);
}
