import { resolveSafeChildPath } from '@backstage/backend-plugin-api';
import { InputError } from '@backstage/errors';
import fs from 'fs-extra';
import path from 'node:path';
import { stringify } from 'yaml';

/** Generated files: repository-relative path to content. */
export type FileSet = Map<string, string>;

/** YAML documents from data: user values can only ever be scalars, never syntax. */
export function yamlDocuments(...docs: unknown[]): string {
  return docs
    .map(doc => stringify(doc, { lineWidth: 0, aliasDuplicateObjects: false }))
    .join('---\n');
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}

/** Refuses symlinks and anything outside `root`: a skeleton must be plain files. */
export async function assertPlainTree(root: string): Promise<void> {
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isSymbolicLink()) {
        throw new InputError(
          `refusing skeleton entry ${path.relative(
            root,
            full,
          )}: symbolic links are not allowed`,
        );
      }
      if (entry.isDirectory()) await walk(full);
      else if (!entry.isFile()) {
        throw new InputError(
          `refusing skeleton entry ${path.relative(
            root,
            full,
          )}: not a regular file`,
        );
      }
    }
  };
  await walk(root);
}

/** Every file below `root`, as sorted paths relative to it (empty when root is absent). */
export async function listFiles(root: string): Promise<string[]> {
  if (!(await fs.pathExists(root))) return [];
  const files: string[] = [];
  const walk = async (dir: string) => {
    for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else files.push(path.relative(root, full));
    }
  };
  await walk(root);
  return files.sort();
}

/** Writes the file set under `outDir`; every path must stay inside it. */
export async function writeFileSet(
  outDir: string,
  files: FileSet,
): Promise<void> {
  for (const [relative, content] of [...files].sort(([a], [b]) =>
    a.localeCompare(b),
  )) {
    const target = resolveSafeChildPath(outDir, relative);
    await fs.outputFile(target, content);
  }
}
