/* eslint-disable no-console */
// Render + forja:validate of the largest environment against a bare render of the same
// template, measured side by side in one run. Target: render + validate <= 3 s.
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  renderCommand,
  readValuesFile,
} from '../../plugins/scaffolder-backend-module-forja/src/cli/renderCommand';
import { FORJA_ROOT } from '../../plugins/scaffolder-backend-module-forja/src/config';
import { writeFileSet } from '../../plugins/scaffolder-backend-module-forja/src/render/files';
import { renderTemplate } from '../../plugins/scaffolder-backend-module-forja/src/render/renderTemplate';
import { median } from '../lib/stats';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const TARGET_SECONDS = 3;
const valuesFile = path.join(__dirname, 'largest-environment.yaml');
const quiet = {
  info() {},
  warn() {},
  debug() {},
  error: (m: string) => console.error(m),
  child: () => quiet,
} as any;

async function time(fn: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await fn();
  return (performance.now() - start) / 1000;
}

async function main() {
  const values = await readValuesFile(valuesFile);
  const skeletonDir = path.join(FORJA_ROOT, 'templates/environment/skeleton');
  const bare: number[] = [];
  const full: number[] = [];
  let files = 0;
  // Interleaved rounds, so both see the same machine state; round 0 warms up.
  for (let round = 0; round <= ROUNDS; round++) {
    const bareDir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-bench-bare-'),
    );
    const bareSeconds = await time(async () => {
      const rendered = await renderTemplate('environment', values, {
        skeletonDir,
      });
      files = rendered.size;
      await writeFileSet(bareDir, rendered);
    });
    const fullDir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-bench-full-'),
    );
    let code = 0;
    const fullSeconds = await time(async () => {
      code = await renderCommand({
        template: 'environment',
        valuesFile,
        outDir: fullDir,
        logger: quiet,
      });
    });
    if (code !== 0) throw new Error('render + validate failed');
    if (round > 0) {
      bare.push(bareSeconds);
      full.push(fullSeconds);
    }
    await Promise.all([fs.remove(bareDir), fs.remove(fullDir)]);
  }
  const b = median(bare);
  const f = median(full);
  console.log(
    `bench/scaffolder: largest environment, ${files} files, median of ${ROUNDS} rounds`,
  );
  console.log(`  bare render (forja:render only)       ${b.toFixed(3)} s`);
  console.log(`  render + forja:validate (as a task)   ${f.toFixed(3)} s`);
  console.log(`  ratio                                 ${(f / b).toFixed(1)}x`);
  console.log(
    `  target render + validate <= ${TARGET_SECONDS} s:    ${
      f <= TARGET_SECONDS ? 'met' : 'MISSED'
    }`,
  );
  if (files < 60)
    throw new Error(`expected at least 60 files, rendered ${files}`);
  process.exitCode = f <= TARGET_SECONDS ? 0 : 1;
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
