#!/usr/bin/env node
// The image build without Docker (no engine here): runs the build stage's RUN steps of
// packages/backend/Dockerfile in this checkout, then checks what the runtime stage needs:
// every file it copies exists (and .dockerignore lets it in), the bundle holds the built
// frontend, the image runs as a non-root user and its health check is the readiness
// endpoint. `./forja test image` runs it.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dockerfile = readFileSync(
  join(root, 'packages/backend/Dockerfile'),
  'utf8',
);

/** Instructions per stage, continuation lines joined, comments dropped. */
function stages(text) {
  const result = [];
  const lines = text
    .replace(/\\\n/g, ' ')
    .split('\n')
    .map(line => line.trim())
    .filter(line => line && !line.startsWith('#'));
  for (const line of lines) {
    const [instruction, ...rest] = line.split(/\s+/);
    const args = rest.join(' ');
    if (instruction === 'FROM') result.push({ from: args, steps: [] });
    else result.at(-1)?.steps.push({ instruction, args });
  }
  return result;
}

const problems = [];
let checks = 0;
const check = (ok, message) => {
  checks++;
  if (!ok) problems.push(message);
};

const [build, runtime] = stages(dockerfile);
check(/ AS build$/.test(build.from), 'the first stage is named build');

// Build stage: system packages come from the machine; every other RUN runs here.
for (const { instruction, args } of build.steps) {
  if (instruction !== 'RUN' || /^(apt-get|curl)\b/.test(args)) continue;
  console.log(`[image] RUN ${args}`);
  const run = spawnSync('bash', ['-c', args], { cwd: root, stdio: 'inherit' });
  check(run.status === 0, `RUN ${args} failed (exit ${run.status})`);
  if (run.status !== 0) break;
}

// Runtime stage: every COPY source exists where the Dockerfile takes it from.
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map(l => l.trim())
  .filter(l => l && !l.startsWith('#'))
  .map(
    pattern =>
      new RegExp(
        `^${pattern
          .replace(/\*\*\//g, '(.*/)?')
          .replace(/\*/g, '[^/]*')
          .replace(/\./g, '\\.')}(/|$)`,
      ),
  );
for (const { instruction, args } of runtime.steps) {
  if (instruction !== 'COPY') continue;
  const words = args.split(/\s+/).filter(w => !w.startsWith('--chown'));
  const fromBuild = words[0] === '--from=build';
  const sources = words.slice(fromBuild ? 1 : 0, -1);
  for (const source of sources) {
    if (source === '/usr/local/bin/kubectl') {
      const kubectl = spawnSync('kubectl', ['version', '--client'], {
        stdio: 'ignore',
      });
      check(kubectl.status === 0, 'kubectl (copied from the build stage) runs');
      continue;
    }
    const path = fromBuild ? source.replace(/^\/app\//, '') : source;
    check(
      existsSync(join(root, path)),
      `COPY ${source}: ${path} does not exist`,
    );
    if (!fromBuild) {
      check(
        !ignored.some(pattern => pattern.test(path)),
        `COPY ${source}: .dockerignore keeps it out of the build context`,
      );
    }
  }
}
for (const source of ['packages', 'plugins', '.yarn/releases', 'yarn.lock']) {
  check(
    !ignored.some(p => p.test(source)),
    `.dockerignore keeps ${source} out of the build stage`,
  );
}

const bundlePath = join(root, 'packages/backend/dist/bundle.tar.gz');
const listing = spawnSync('tar', ['tzf', bundlePath], {
  encoding: 'utf8',
  maxBuffer: 64 * 1024 * 1024,
});
check(
  listing.status === 0 &&
    /packages\/app\/dist\/index\.html/.test(listing.stdout),
  'the backend bundle holds the built frontend (packages/app/dist/index.html)',
);
// Every workspace package in the bundle carries what its package.json ships (`files`).
const bundled = new Set(listing.status === 0 ? listing.stdout.split('\n') : []);
for (const entry of bundled) {
  const match = /^((?:packages|plugins)\/[^/]+)\/package\.json$/.exec(entry);
  if (!match) continue;
  // The packed package.json (packing rewrites `files`, such as config.d.ts to its schema).
  const packed = spawnSync('tar', ['xzOf', bundlePath, entry], {
    encoding: 'utf8',
  });
  const { files = [] } = JSON.parse(packed.stdout);
  for (const shipped of files.filter(f => f !== 'dist')) {
    check(
      bundled.has(`${match[1]}/${shipped}`) ||
        bundled.has(`${match[1]}/${shipped}/`),
      `the bundle lacks ${match[1]}/${shipped}`,
    );
  }
}
const user = runtime.steps.filter(s => s.instruction === 'USER').at(-1)?.args;
check(
  user && user !== 'root' && user !== '0',
  `the image runs as a non-root user (USER ${user})`,
);
const health =
  runtime.steps.find(s => s.instruction === 'HEALTHCHECK')?.args ?? '';
check(
  health.includes('/.backstage/health/v1/readiness'),
  'the health check asks the readiness endpoint',
);

for (const problem of problems) console.error(`[image] FAIL ${problem}`);
console.log(`[image] ${checks - problems.length} of ${checks} checks passed`);
process.exit(problems.length ? 1 : 0);
