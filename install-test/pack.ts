// Every publishable package built and packed as `yarn npm publish` would ship it.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PackedPackage {
  name: string;
  version: string;
  /** The package's folder in this repository. */
  location: string;
  tarball: string;
}

/** The repository's public workspaces (the ones without `"private": true`). */
export function publishablePackages(root: string) {
  const lines = execFileSync('yarn', ['workspaces', 'list', '--json'], {
    cwd: root,
    encoding: 'utf8',
  })
    .trim()
    .split('\n')
    .map(line => JSON.parse(line) as { name: string; location: string });
  return lines.flatMap(({ location }) => {
    if (location === '.') return [];
    const manifest = JSON.parse(
      readFileSync(join(root, location, 'package.json'), 'utf8'),
    );
    if (manifest.private) return [];
    return [
      {
        name: manifest.name as string,
        version: manifest.version as string,
        location,
      },
    ];
  });
}

/**
 * Type declarations (`tsc`), then each package's `build` and `yarn pack` (its prepack
 * points main and types at dist/, workspace ranges become versions) into `outDir`.
 */
export function buildAndPack(root: string, outDir: string): PackedPackage[] {
  mkdirSync(outDir, { recursive: true });
  const packages = publishablePackages(root);
  const run = (args: string[]) =>
    execFileSync('yarn', args, { cwd: root, stdio: 'inherit' });
  run(['tsc']);
  for (const { name } of packages) run(['workspace', name, 'build']);
  return packages.map(pkg => {
    const tarball = join(
      outDir,
      `${pkg.name.replace(/^@/, '').replace('/', '-')}-${pkg.version}.tgz`,
    );
    execFileSync('yarn', ['workspace', pkg.name, 'pack', '--out', tarball], {
      cwd: root,
      stdio: 'ignore',
    });
    return { ...pkg, tarball };
  });
}
