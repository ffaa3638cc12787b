import { existsSync } from 'node:fs';
import path from 'node:path';

/** Whether `child` is `parent` or lies under it (both absolute, symlinks resolved). */
export function isInside(child: string, parent: string): boolean {
  const relative = path.relative(parent, child);
  return (
    relative === '' ||
    (relative !== '..' &&
      !relative.startsWith(`..${path.sep}`) &&
      !path.isAbsolute(relative))
  );
}

/** This package's folder, from the sources or the built bundle alike. */
export const PACKAGE_DIR = path.dirname(
  require.resolve('@forja/plugin-cost-node/package.json'),
);

/**
 * The Forja checkout whose `terraform/modules` generated environments use: the repository
 * holding this package, else the nearest folder up from the working directory that has
 * `terraform/modules`.
 */
export function findForjaCheckout(start = process.cwd()): string | undefined {
  const hasModules = (dir: string) =>
    existsSync(path.join(dir, 'terraform', 'modules'));
  const repository = path.resolve(PACKAGE_DIR, '../..');
  if (hasModules(repository)) return repository;
  for (let dir = path.resolve(start); ; dir = path.dirname(dir)) {
    if (hasModules(dir)) return dir;
    if (path.dirname(dir) === dir) return undefined;
  }
}

/** Forja's own repository, as generated environments name it in module sources. */
export const FORJA_REPOSITORY = 'https://github.com/forja-dev/forja.git';

/** Git module sources naming Forja's repository, read from its checkout when found. */
export function forjaModuleRepositories(): Record<string, string> {
  const checkout = findForjaCheckout();
  return checkout ? { [FORJA_REPOSITORY]: checkout } : {};
}
