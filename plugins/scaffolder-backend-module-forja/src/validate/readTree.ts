import fs from 'fs-extra';
import path from 'node:path';

/**
 * Every regular file under `relative` in `root` (paths relative to `root`, sorted, none
 * when the folder is missing) that `keep` accepts, with its text.
 */
export async function readTree(
  root: string,
  relative: string,
  keep: (name: string) => boolean = () => true,
): Promise<Array<{ path: string; data: string }>> {
  const files: Array<{ path: string; data: string }> = [];
  const walk = async (folder: string) => {
    const dir = path.join(root, folder);
    if (!(await fs.pathExists(dir))) return;
    for (const entry of (await fs.readdir(dir, { withFileTypes: true })).sort(
      (a, b) => a.name.localeCompare(b.name),
    )) {
      const file = path.join(folder, entry.name);
      if (entry.isDirectory()) await walk(file);
      else if (entry.isFile() && keep(entry.name)) {
        files.push({
          path: file,
          data: await fs.readFile(path.join(root, file), 'utf8'),
        });
      }
    }
  };
  await walk(relative);
  return files;
}
