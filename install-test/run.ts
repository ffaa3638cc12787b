/* eslint-disable no-console */
// `./forja test install`: Forja installed into a Backstage app that is not this repository
// (README.md). Exit code 1 when any check fails.
import { startDemoUpstreams } from '@forja/test-servers';
import { execFileSync, spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  openSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { buildFrontend, createApp } from './app';
import { Check, runChecks } from './checks';
import { runFrontendChecks } from './frontend';
import { undeclaredImports } from './imports';
import { buildAndPack } from './pack';
import { backendSteps, frontendSteps } from './readmeSteps';

const ROOT = process.env.FORJA_ROOT ?? resolve(__dirname, '..');
const YARN_RELEASE = '.yarn/releases/yarn-4.13.0.cjs';
const BACKEND_ROLES = ['backend-plugin', 'backend-plugin-module'];
const FRONTEND_ROLES = ['frontend-plugin', 'frontend-plugin-module'];
const CATALOG_KINDS = [
  'Component',
  'System',
  'Domain',
  'API',
  'Resource',
  'Location',
  'Group',
  'User',
  'Template',
];

const results: Check[] = [];
const record = (name: string, problems: string[], detail = '') =>
  results.push({
    name,
    ok: problems.length === 0,
    detail: problems.length ? problems.join('; ') : detail,
  });

async function waitForReadiness(url: string, exited: () => boolean) {
  for (const deadline = Date.now() + 180_000; Date.now() < deadline; ) {
    if (exited()) throw new Error('the backend exited');
    const response = await fetch(url).catch(() => undefined);
    if (response?.ok) return;
    await new Promise(r => setTimeout(r, 500));
  }
  throw new Error('the backend was not ready in 180 s');
}

async function main() {
  const out = mkdtempSync(join(tmpdir(), 'forja-install-'));
  console.log(`[install] working in ${out}`);
  const packed = buildAndPack(ROOT, join(out, 'tarballs'));

  // Each tarball's code imports only what its package.json declares.
  for (const pkg of packed) {
    console.log(
      `[install] packed ${pkg.name}: ${(
        statSync(pkg.tarball).size / 1024
      ).toFixed(0)} KiB`,
    );
    const unpacked = join(out, 'unpacked', pkg.name);
    mkdirSync(unpacked, { recursive: true });
    execFileSync('tar', ['xzf', pkg.tarball, '-C', unpacked]);
    record(
      `${pkg.name} imports only what it declares`,
      undeclaredImports(join(unpacked, 'package')),
    );
  }

  // Every backend and frontend package's README says how to install it.
  const withRole = (roles: string[]) =>
    packed.filter(pkg => {
      const manifest = require(join(ROOT, pkg.location, 'package.json'));
      return roles.includes(manifest.backstage?.role);
    });
  const backendPackages = withRole(BACKEND_ROLES);
  const steps = backendPackages.map(pkg => {
    const found = backendSteps(join(ROOT, pkg.location));
    const problems = [];
    if (!found.add.includes(pkg.name))
      problems.push(
        `README: no \`yarn --cwd packages/backend add ${pkg.name}\``,
      );
    if (!found.lines.some(line => line.includes(`'${pkg.name}'`)))
      problems.push(`README: no backend.add(import('${pkg.name}'))`);
    record(`${pkg.name} README has the installation steps`, problems);
    return found;
  });

  const frontendPackages = withRole(FRONTEND_ROLES);
  const frontend = frontendPackages.map(pkg => {
    const found = frontendSteps(join(ROOT, pkg.location));
    const problems = [];
    if (!found.add.includes(pkg.name))
      problems.push(`README: no \`yarn --cwd packages/app add ${pkg.name}\``);
    if (!found.discovered)
      problems.push('README: no `app.packages: all` (discovery)');
    // The feature is its ./alpha: imported in App.tsx and listed, or imported in the list.
    const alpha = `'${pkg.name}/alpha'`;
    const names = found.imports
      .filter(line => line.includes(` from ${alpha}`))
      .map(line => /^import (\w+)/.exec(line)?.[1]);
    if (
      !found.features.some(
        feature => feature.includes(alpha) || names.includes(feature),
      )
    )
      problems.push(`README: no createApp({ features: [...] }) with ${alpha}`);
    record(`${pkg.name} README has the installation steps`, problems);
    return found;
  });

  const port = 7400 + Math.floor(Math.random() * 500);
  const baseUrl = `http://localhost:${port}`;
  const app = join(out, 'app');
  createApp({
    root: ROOT,
    dir: app,
    packed,
    steps,
    frontend,
    baseUrl,
    yarnRelease: YARN_RELEASE,
  });
  // The production bundle, as `yarn build` in packages/app makes it.
  const building = Date.now();
  const buildProblems: string[] = [];
  try {
    buildFrontend({
      root: ROOT,
      dir: app,
      yarnRelease: YARN_RELEASE,
      logFile: join(out, 'frontend-build.log'),
    });
  } catch (error) {
    buildProblems.push(String(error));
  }
  const built = !buildProblems.length;
  record(
    'packages/app builds for production',
    buildProblems,
    `${((Date.now() - building) / 1000).toFixed(0)} s`,
  );

  const upstreams = await startDemoUpstreams(ROOT, join(out, 'demo'));
  const { forja: _demo, ...upstreamConfig } = upstreams.config as Record<
    string,
    any
  >;
  // Over the created app's app-config.yaml: the demo's upstreams, catalog and templates.
  writeFileSync(
    join(app, 'app-config.install.yaml'),
    JSON.stringify(
      {
        ...upstreamConfig,
        backend: {
          database: { client: 'better-sqlite3', connection: ':memory:' },
        },
        auth: { providers: { guest: {} } },
        permission: { enabled: true },
        catalog: {
          ...upstreamConfig.catalog,
          rules: [{ allow: CATALOG_KINDS }],
        },
        forja: {
          // Where the Terraform modules generated environments use live: a checkout of them.
          terraformModules: { localPath: ROOT },
          // Running templates is an admin's right in Forja's policy; the guest is one here.
          permissions: { admins: ['user:development/guest'] },
        },
      },
      null,
      2,
    ),
  );
  const logFile = join(out, 'backend.log');
  const backend = spawn(
    process.execPath,
    [
      'src/index.ts',
      '--config',
      '../../app-config.yaml',
      '--config',
      '../../app-config.install.yaml',
    ],
    {
      cwd: join(app, 'packages/backend'),
      env: { ...process.env, NODE_ENV: 'development', NODE_OPTIONS: '' },
      stdio: ['ignore', openSync(logFile, 'w'), openSync(logFile, 'a')],
    },
  );
  try {
    await waitForReadiness(
      `${baseUrl}/.backstage/health/v1/readiness`,
      () => backend.exitCode !== null,
    );
    results.push(
      ...(await runChecks({
        baseUrl,
        root: ROOT,
        repoUrl: `${upstreams.github.host}?owner=${upstreams.github.owner}&repo=installed`,
      })),
    );
    const browsing = Date.now();
    if (built)
      results.push(
        ...(await runFrontendChecks({
          baseUrl,
          out,
          frontendPackages: frontendPackages.map(pkg => pkg.name),
          discovered: frontendPackages
            .filter((_, i) => frontend[i].discovered)
            .map(pkg => pkg.name),
        })),
      );
    console.log(
      `[install] Chromium checks took ${(
        (Date.now() - browsing) /
        1000
      ).toFixed(0)} s`,
    );
  } catch (error) {
    record('the installed backend', [`${error}; see ${logFile}`]);
  } finally {
    backend.kill('SIGTERM');
    await upstreams.close();
  }

  for (const { name, ok, detail } of results)
    console.log(
      `[install] ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `: ${detail}` : ''}`,
    );
  const failed = results.filter(r => !r.ok).length;
  console.log(
    `[install] ${results.length - failed} of ${results.length} checks passed`,
  );
  if (!failed) rmSync(out, { recursive: true, force: true });
  process.exit(failed ? 1 : 0);
}

main().catch(error => {
  console.error(error);
  process.exit(1);
});
