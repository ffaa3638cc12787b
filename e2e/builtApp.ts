import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '..');
const INDEX = join(ROOT, 'packages/app/dist/index.html');
/** Package roles the frontend bundle is built from. */
const FRONTEND_ROLES = new Set([
  'frontend',
  'frontend-plugin',
  'frontend-plugin-module',
  'web-library',
  'common-library',
]);

/** The newest modification time under `path` (node_modules and dist left out). */
function newest(path: string): number {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist') continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

function frontendPackages(): string[] {
  const packages = ['packages/app'];
  for (const name of readdirSync(join(ROOT, 'plugins'))) {
    const manifest = join(ROOT, 'plugins', name, 'package.json');
    if (!existsSync(manifest)) continue;
    const role = JSON.parse(readFileSync(manifest, 'utf8')).backstage?.role;
    if (FRONTEND_ROLES.has(role)) packages.push(`plugins/${name}`);
  }
  return packages;
}

/**
 * The frontend the backend serves in production (packages/app/dist, what the image
 * bundles), built when it is missing or older than the sources it is built from. The
 * image gate builds it first in `./forja test`, so there this costs nothing.
 */
export function ensureBuiltApp(): void {
  if (existsSync(INDEX)) {
    const built = statSync(INDEX).mtimeMs;
    const sources = Math.max(
      ...frontendPackages().map(path => newest(join(ROOT, path))),
    );
    if (sources <= built) return;
  }
  console.log('[e2e] building the frontend (packages/app/dist)');
  const build = spawnSync('yarn', ['workspace', '@forja/app', 'build'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (build.status !== 0 || !existsSync(INDEX)) {
    throw new Error(`the frontend build failed (exit ${build.status})`);
  }
}
