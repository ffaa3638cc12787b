#!/usr/bin/env node
// The whole Forja test suite, gate by gate: `./forja test [gate...]`.
// Prints one closing line "tests: N passed, N failed" summing every gate's test counts.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const output = join(root, 'output');
mkdirSync(output, { recursive: true });

const yarn = (...args) => ['yarn', ...args];

/** Reads jest's --json report: {passed, failed}. */
function jestCounts(file) {
  if (!existsSync(file)) return undefined;
  const report = JSON.parse(readFileSync(file, 'utf8'));
  return {
    passed: report.numPassedTests,
    failed: report.numFailedTests + report.numRuntimeErrorTestSuites,
  };
}

/** Reads Playwright's JSON report: {passed, failed}. */
function playwrightCounts(file) {
  if (!existsSync(file)) return undefined;
  const { stats } = JSON.parse(readFileSync(file, 'utf8'));
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
}

const gates = [
  // Before any suite: the Debian packages the unit, image and e2e gates use.
  { name: 'packages', command: ['node', 'scripts/install-test-packages.mjs'] },
  { name: 'config', command: ['node', 'scripts/check-config.mjs'] },
  { name: 'typecheck', command: yarn('tsc') },
  // The public API of every published plugin against its committed report.api.md
  // (report-alpha.api.md for ./alpha): `./forja yarn build:api-reports` rewrites them.
  { name: 'api', command: yarn('build:api-reports', '--ci') },
  { name: 'lint', command: yarn('backstage-cli', 'repo', 'lint') },
  { name: 'prettier', command: yarn('prettier', '--check', '.') },
  {
    name: 'unit',
    report: join(output, 'jest-report.json'),
    counts: jestCounts,
    command: yarn(
      'backstage-cli',
      'repo',
      'test',
      '--ci',
      '--json',
      `--outputFile=${join(output, 'jest-report.json')}`,
    ),
    // The Kubernetes backend loads @kubernetes/client-node, an ES module, at run time.
    env: {
      CI: 'true',
      NODE_OPTIONS:
        '--experimental-vm-modules --disable-warning=ExperimentalWarning',
    },
  },
  // The image's build stage without Docker, and the files its runtime stage copies.
  { name: 'image', command: ['node', 'scripts/image-build.mjs'] },
  // Every publishable package packed and installed into a Backstage app that is not this one.
  {
    name: 'install',
    command: [
      'node',
      '--require',
      './node_modules/@backstage/cli/config/nodeTransform.cjs',
      'install-test/run.ts',
    ],
  },
  {
    name: 'e2e',
    report: join(output, 'e2e', 'report.json'),
    counts: playwrightCounts,
    command: yarn('playwright', 'test'),
  },
];

const selected = process.argv.slice(2);
const unknown = selected.filter(
  name => !gates.some(gate => gate.name === name),
);
if (unknown.length) {
  console.error(
    `unknown gate(s): ${unknown.join(', ')}; gates: ${gates
      .map(g => g.name)
      .join(', ')}`,
  );
  process.exit(2);
}

const results = [];
for (const gate of gates) {
  if (selected.length && !selected.includes(gate.name)) continue;
  if (gate.report) rmSync(gate.report, { force: true });
  console.log(`\n━━ ${gate.name}: ${gate.command.join(' ')}`);
  const started = Date.now();
  const run = spawnSync(gate.command[0], gate.command.slice(1), {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, ...gate.env },
  });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = run.status === 0;
  const counts = gate.counts?.(gate.report) ?? {
    passed: ok ? 1 : 0,
    failed: ok ? 0 : 1,
  };
  if (!ok && counts.failed === 0) counts.failed = 1;
  results.push({ name: gate.name, ok, seconds, ...counts });
}

console.log('\n━━ summary');
for (const r of results) {
  console.log(
    `${r.ok ? 'ok  ' : 'FAIL'} ${r.name.padEnd(10)} ${String(
      r.seconds,
    ).padStart(7)} s  ${r.passed} passed, ${r.failed} failed`,
  );
}
const passed = results.reduce((sum, r) => sum + r.passed, 0);
const failed = results.reduce((sum, r) => sum + r.failed, 0);
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(results.every(r => r.ok) ? 0 : 1);
