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

/** Forja's own repository, as generated environments name it in module sources. */
export const FORJA_REPOSITORY = 'https://github.com/forja-dev/forja.git';
