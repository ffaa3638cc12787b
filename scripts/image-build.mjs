#!/usr/bin/env node
// The image build without Docker (there is no engine here), step for step from
// packages/backend/Dockerfile: the build stage's RUN steps run in this checkout; the
// runtime stage is assembled in a temporary /app (its COPY and RUN steps, system packages
// aside) and booted on its own configuration with SQLite, until it answers readiness and
// serves the frontend. Also checked: what .dockerignore lets in, the bundle's contents, a
// non-root user and the readiness health check. `./forja test image` runs it.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { missingBinaries } from './imageBinaries.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dockerfile = readFileSync(
  join(root, 'packages/backend/Dockerfile'),
  'utf8',
);
const SYSTEM = /^(apt-get|curl)\b/;
/** How a tool copied from the build stage says it runs. */
const TOOL_PROBES = {
  kubectl: ['version', '--client'],
  terraform: ['-version'],
};

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
  return ok;
};
const finish = () => {
  for (const problem of problems) console.error(`[image] FAIL ${problem}`);
  console.log(`[image] ${checks - problems.length} of ${checks} checks passed`);
  process.exit(problems.length ? 1 : 0);
};

/** A RUN step's shell command, without BuildKit's --mount flags. */
const command = args => args.replace(/--mount=\S+\s*/g, '').trim();
const run = (args, cwd) => {
  console.log(`[image] RUN ${command(args)}`);
  const result = spawnSync('bash', ['-c', command(args)], {
    cwd,
    stdio: 'inherit',
  });
  return check(
    result.status === 0,
    `RUN ${command(args)} failed (exit ${result.status})`,
  );
};

const [build, runtime] = stages(dockerfile);
check(/ AS build$/.test(build.from), 'the first stage is named build');

// Every program the backend runs (read from its sources) is in the runtime stage; the
// check itself must notice one taken away.
for (const [program, file] of missingBinaries(root, runtime.steps)) {
  check(false, `${file} runs ${program}, which the image does not install`);
}
const withoutGit = runtime.steps.map(step => ({
  ...step,
  args: step.args.replace(/\bgit\b/g, ''),
}));
check(
  missingBinaries(root, withoutGit).some(([program]) => program === 'git'),
  'the binary check notices a runtime stage without git',
);

// Build stage, in this checkout.
for (const { instruction, args } of build.steps) {
  if (instruction === 'RUN' && !SYSTEM.test(args) && !run(args, root)) finish();
}

// What the build context holds: .dockerignore must let every source in.
const ignored = readFileSync(join(root, '.dockerignore'), 'utf8')
  .split('\n')
  .map(l => l.trim())
  .filter(l => l && !l.startsWith('#'))
  .map(
    pattern =>
      new RegExp(
        `^${pattern
          .replace(/\./g, '\\.')
          .replace(/\*\*\//g, '(.*/)?')
          .replace(/\*(?![^(]*\))/g, '[^/]*')}(/|$)`,
      ),
  );
for (const source of ['packages', 'plugins', '.yarn/releases', 'yarn.lock']) {
  check(
    !ignored.some(p => p.test(source)),
    `.dockerignore keeps ${source} out of the build stage`,
  );
}

// Runtime stage, assembled in a temporary /app.
const app = mkdtempSync(join(tmpdir(), 'forja-image-'));
for (const { instruction, args } of runtime.steps) {
  if (instruction === 'COPY') {
    const words = args.split(/\s+/).filter(w => !w.startsWith('--chown'));
    const fromBuild = words[0] === '--from=build';
    const sources = words.slice(fromBuild ? 1 : 0, -1);
    const target = words.at(-1);
    for (const source of sources) {
      if (target.startsWith('/')) {
        // Outside /app: a tool from the build stage (kubectl, terraform), here from the
        // machine.
        const tool = source.split('/').at(-1);
        check(
          spawnSync(tool, TOOL_PROBES[tool] ?? ['--version'], {
            stdio: 'ignore',
          }).status === 0,
          `${tool} runs`,
        );
        continue;
      }
      const path = fromBuild ? source.replace(/^\/app\//, '') : source;
      if (
        !check(
          existsSync(join(root, path)),
          `COPY ${source}: ${path} does not exist`,
        )
      )
        continue;
      if (!fromBuild) {
        check(
          !ignored.some(p => p.test(path)),
          `COPY ${source}: .dockerignore keeps it out`,
        );
      }
      const destination =
        target.endsWith('/') || sources.length > 1 || target === '.'
          ? join(app, target, path.split('/').at(-1))
          : join(app, target);
      mkdirSync(dirname(destination), { recursive: true });
      cpSync(join(root, path), destination, { recursive: true });
    }
  } else if (instruction === 'RUN' && !SYSTEM.test(args) && !run(args, app)) {
    finish();
  }
}

const listing = spawnSync(
  'tar',
  ['tzf', join(root, 'packages/backend/dist/bundle.tar.gz')],
  {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  },
);
check(
  listing.status === 0 &&
    /packages\/app\/dist\/index\.html/.test(listing.stdout),
  'the backend bundle holds the built frontend (packages/app/dist/index.html)',
);
// Every workspace package in the bundle carries what its packed package.json ships.
const bundled = new Set(listing.status === 0 ? listing.stdout.split('\n') : []);
for (const entry of bundled) {
  const match = /^((?:packages|plugins)\/[^/]+)\/package\.json$/.exec(entry);
  if (!match) continue;
  const { files = [] } = JSON.parse(readFileSync(join(app, entry), 'utf8'));
  for (const shipped of files.filter(f => f !== 'dist')) {
    check(
      existsSync(join(app, match[1], shipped)),
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

// Boot what the image would run (ENTRYPOINT node + CMD), on SQLite instead of PostgreSQL.
const cmd = JSON.parse(runtime.steps.find(s => s.instruction === 'CMD').args);
const port = 7300 + Math.floor(Math.random() * 600);
writeFileSync(
  join(app, 'app-config.smoke.yaml'),
  JSON.stringify({
    backend: {
      listen: { port },
      database: { client: 'better-sqlite3', connection: ':memory:' },
      cache: { store: 'memory' },
    },
  }),
);
const baseUrl = `http://localhost:${port}`;
const server = spawn(
  process.execPath,
  [...cmd, '--config', 'app-config.smoke.yaml'],
  {
    cwd: app,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      FORJA_BASE_URL: baseUrl,
      BACKEND_SECRET: 'image-smoke-secret',
      AUTH_GITHUB_CLIENT_ID: 'unused',
      AUTH_GITHUB_CLIENT_SECRET: 'unused',
      ARGOCD_URL: 'http://127.0.0.1:9',
      ARGOCD_TOKEN: 'unused',
      GRAFANA_URL: 'http://127.0.0.1:9',
      GRAFANA_TOKEN: 'unused',
      POSTGRES_HOST: 'unused',
      POSTGRES_PORT: '5432',
      POSTGRES_USER: 'unused',
      POSTGRES_PASSWORD: 'unused',
      REDIS_URL: 'redis://127.0.0.1:9',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  },
);
let log = '';
server.stdout.on('data', c => (log += c));
server.stderr.on('data', c => (log += c));
let ready = false;
for (
  const deadline = Date.now() + 120_000;
  Date.now() < deadline && server.exitCode === null;

) {
  const response = await fetch(
    `${baseUrl}/.backstage/health/v1/readiness`,
  ).catch(() => undefined);
  if (response?.ok) {
    ready = true;
    break;
  }
  await new Promise(r => setTimeout(r, 1000));
}
if (
  check(ready, `the image's command did not become ready:\n${log.slice(-3000)}`)
) {
  const page = await fetch(`${baseUrl}/`)
    .then(r => r.text())
    .catch(() => '');
  check(
    /<div id="root">/.test(page),
    'the backend serves the built frontend at /',
  );
  console.log('[image] booted from the assembled /app: ready, frontend served');
}
server.kill('SIGTERM');
rmSync(app, { recursive: true, force: true });
finish();
