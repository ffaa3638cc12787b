import { LoggerService } from '@backstage/backend-plugin-api';
import fs from 'fs-extra';
import os from 'node:os';
import path from 'node:path';
import { FORJA_ROOT } from './forjaRoot';
import { listFiles } from '../render/files';
import { renderCommand } from './renderCommand';

export const VALUES_DIR = path.join(FORJA_ROOT, 'examples/values');
export const SYSTEMS_DIR = path.join(FORJA_ROOT, 'examples/systems');

/**
 * Seeds under examples/values/<seed>: platform.yaml (environment), one file per service,
 * each registered on the platform, and resources/<service>/*.yaml: add-resource pull
 * requests merged into that service.
 */
export async function listSeeds(): Promise<
  Array<{ seed: string; services: string[] }>
> {
  const seeds = (await fs.readdir(VALUES_DIR))
    .filter(name => name !== 'variants')
    .sort();
  return Promise.all(
    seeds.map(async seed => ({
      seed,
      services: (await fs.readdir(path.join(VALUES_DIR, seed)))
        .filter(f => f.endsWith('.yaml') && f !== 'platform.yaml')
        .map(f => f.replace(/\.yaml$/, ''))
        .sort(),
    })),
  );
}

/**
 * Renders every seed system into `outRoot/<seed>` (the environment) and
 * `outRoot/<seed>/services/<service>`, each validated by the template's own steps.
 */
export async function renderSeeds(
  outRoot: string,
  logger: LoggerService,
): Promise<string[]> {
  const failures: string[] = [];
  for (const { seed, services } of await listSeeds()) {
    const jobs = [
      {
        template: 'environment',
        values: 'platform.yaml',
        out: path.join(outRoot, seed),
      },
      ...services.map(service => ({
        template: 'service',
        values: `${service}.yaml`,
        out: path.join(outRoot, seed, 'services', service),
      })),
    ];
    for (const job of jobs) {
      const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-seed-'));
      const code = await renderCommand({
        template: job.template,
        valuesFile: path.join(VALUES_DIR, seed, job.values),
        outDir: staging,
        logger,
      });
      if (code !== 0) failures.push(`${seed}/${job.values}`);
      if (job.template === 'service') {
        await fs.copy(path.join(staging, 'service'), job.out);
        // The service's registration pull request, merged into the platform.
        const registration = path.join(staging, 'platform');
        if (await fs.pathExists(registration))
          await fs.copy(registration, path.join(outRoot, seed));
      } else {
        await fs.copy(staging, job.out);
      }
      await fs.remove(staging);
      if (job.template === 'service') {
        const service = job.values.replace(/\.yaml$/, '');
        failures.push(...(await addResources(seed, service, job.out, logger)));
      }
    }
  }
  return failures;
}

/** Merges the seed's add-resource pull requests for `service` into its render. */
async function addResources(
  seed: string,
  service: string,
  serviceDir: string,
  logger: LoggerService,
): Promise<string[]> {
  const dir = path.join(VALUES_DIR, seed, 'resources', service);
  if (!(await fs.pathExists(dir))) return [];
  const failures: string[] = [];
  for (const file of (await fs.readdir(dir)).sort()) {
    if (!file.endsWith('.yaml')) continue;
    const staging = await fs.mkdtemp(path.join(os.tmpdir(), 'forja-seed-'));
    const code = await renderCommand({
      template: 'add-resource',
      valuesFile: path.join(dir, file),
      outDir: staging,
      fromDir: serviceDir,
      logger,
    });
    if (code !== 0) failures.push(`${seed}/resources/${service}/${file}`);
    await fs.emptyDir(serviceDir);
    await fs.copy(staging, serviceDir);
    await fs.remove(staging);
  }
  return failures;
}

/** Files that differ between two trees (missing on either side, or different bytes). */
export async function diffTrees(
  expected: string,
  actual: string,
): Promise<string[]> {
  const [a, b] = await Promise.all([listFiles(expected), listFiles(actual)]);
  const differences = [
    ...a.filter(f => !b.includes(f)).map(f => `missing: ${f}`),
    ...b.filter(f => !a.includes(f)).map(f => `unexpected: ${f}`),
  ];
  for (const file of a.filter(f => b.includes(f))) {
    const [x, y] = await Promise.all([
      fs.readFile(path.join(expected, file)),
      fs.readFile(path.join(actual, file)),
    ]);
    if (!x.equals(y)) differences.push(`differs: ${file}`);
  }
  return differences;
}

/** `forja render-examples [--check]`: (re)writes examples/systems, or checks it is current. */
export async function renderExamplesCommand(
  check: boolean,
  logger: LoggerService,
): Promise<number> {
  const outRoot = check
    ? await fs.mkdtemp(path.join(os.tmpdir(), 'forja-seeds-'))
    : SYSTEMS_DIR;
  if (!check) await fs.emptyDir(SYSTEMS_DIR);
  const failures = await renderSeeds(outRoot, logger);
  failures.forEach(f => logger.error(`${f}: render or validation failed`));
  if (!check) return failures.length ? 1 : 0;
  const differences = await diffTrees(SYSTEMS_DIR, outRoot);
  differences.forEach(d =>
    logger.error(
      `examples/systems is stale, ${d} (run ./forja render-examples)`,
    ),
  );
  return failures.length || differences.length ? 1 : 0;
}
