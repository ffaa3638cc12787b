/* eslint-disable no-console */
// Render + forja:validate of the largest environment and its services (each registered on
// it and checked for deployability in its four environments) against a bare render of the
// same templates, measured side by side in one run. Target: render + validate <= 3 s.
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import {
  renderCommand,
  readValuesFile,
} from '../../plugins/scaffolder-backend-module-forja/src/cli/renderCommand';
import { FORJA_ROOT } from '../../plugins/scaffolder-backend-module-forja/src/cli/forjaRoot';
import { writeFileSet } from '../../plugins/scaffolder-backend-module-forja/src/render/files';
import { renderTemplate } from '../../plugins/scaffolder-backend-module-forja/src/render/renderTemplate';
import { checkDeployability } from '../../plugins/scaffolder-backend-module-forja/src/validate/deployability/checkDeployability';
import { readEnvironmentFacts } from '../../plugins/scaffolder-backend-module-forja/src/validate/deployability/environmentFacts';
import { formatFinding } from '../../plugins/scaffolder-backend-module-forja/src/validate/types';
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

const template = (name: string) => ({
  skeletonDir: path.join(FORJA_ROOT, 'templates', name, 'skeleton'),
  forjaDir: path.join(FORJA_ROOT, 'templates', name, 'forja'),
});

/** Each bench service's values: ms-auth's seed, renamed, on the bench platform. */
async function serviceValues(platform: Record<string, any>) {
  const base = await readValuesFile(
    path.join(FORJA_ROOT, 'examples/values/video-system/ms-auth.yaml'),
  );
  const { services } = (await readValuesFile(
    path.join(__dirname, 'services.yaml'),
  )) as { services: Array<Record<string, unknown>> };
  return services.map(
    (s): Record<string, unknown> => ({
      ...base,
      ...s,
      system: platform.system,
      region: platform.region,
      environments: platform.environments,
      repoUrl: `github.com?owner=forja-demo&repo=${s.name}`,
      platform: { name: platform.name, repoUrl: platform.repoUrl },
    }),
  );
}

/** The scaffolder's path: render + validate each, register, check deployability. */
async function renderAndCheck(
  outDir: string,
  services: Array<Record<string, unknown>>,
): Promise<number> {
  const envDir = path.join(outDir, 'platform');
  if (
    (await renderCommand({
      template: 'environment',
      valuesFile,
      outDir: envDir,
      logger: quiet,
    })) !== 0
  )
    throw new Error('environment: render + validate failed');
  // As the scaffolder would run them: one task per service, side by side.
  await Promise.all(
    services.map(async service => {
      const dir = path.join(outDir, String(service.name));
      const values = path.join(outDir, `${service.name}.json`);
      await fs.writeJson(values, service);
      const code = await renderCommand({
        template: 'service',
        valuesFile: values,
        outDir: dir,
        logger: quiet,
      });
      if (code !== 0)
        throw new Error(`${service.name}: render + validate failed`);
    }),
  );
  for (const service of services)
    await fs.copy(path.join(outDir, String(service.name), 'platform'), envDir);
  // Each environment read once, every service checked against it.
  let checks = 0;
  for (const env of services[0].environments as string[]) {
    const facts = await readEnvironmentFacts(envDir, env, {
      moduleRepositories: {
        'https://github.com/forja-dev/forja.git': FORJA_ROOT,
      },
    });
    for (const service of services) {
      const findings = await checkDeployability(
        path.join(outDir, String(service.name), 'service'),
        facts,
        { repoUrl: `https://github.com/forja-demo/${service.name}.git` },
      );
      if (findings.length)
        throw new Error(findings.map(formatFinding).join('\n'));
      checks++;
    }
  }
  return checks;
}

async function main() {
  const values = await readValuesFile(valuesFile);
  const services = await serviceValues(values as Record<string, any>);
  let checks = 0;
  const bare: number[] = [];
  const full: number[] = [];
  let files = 0;
  // Interleaved rounds, so both see the same machine state; round 0 warms up.
  for (let round = 0; round <= ROUNDS; round++) {
    const bareDir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-bench-bare-'),
    );
    const bareSeconds = await time(async () => {
      const rendered = await renderTemplate(
        'environment',
        values,
        template('environment'),
      );
      files = rendered.size;
      await writeFileSet(bareDir, rendered);
      for (const service of services) {
        const out = await renderTemplate(
          'service',
          service,
          template('service'),
        );
        files += out.size;
        await writeFileSet(path.join(bareDir, String(service.name)), out);
      }
    });
    const fullDir = await fs.mkdtemp(
      path.join(os.tmpdir(), 'forja-bench-full-'),
    );
    const fullSeconds = await time(async () => {
      checks = await renderAndCheck(fullDir, services);
    });
    if (round > 0) {
      bare.push(bareSeconds);
      full.push(fullSeconds);
    }
    await Promise.all([fs.remove(bareDir), fs.remove(fullDir)]);
  }
  const b = median(bare);
  const f = median(full);
  console.log(
    `bench/scaffolder: largest environment and ${services.length} services, ${files} files, ${checks} deployability checks, median of ${ROUNDS} rounds`,
  );
  console.log(`  bare render (forja:render only)       ${b.toFixed(3)} s`);
  console.log(`  render + validate + deployability     ${f.toFixed(3)} s`);
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
