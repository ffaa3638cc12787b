import { promises as fs } from 'node:fs';
import { isInside } from '../paths';

/**
 * The largest Terraform file read (`.tf`, `.tfvars`, `.tfvars.json`). Hand-written
 * configuration is kilobytes; a pull request's multi-gigabyte file is refused, not parsed.
 */
export const MAX_TERRAFORM_FILE_BYTES = 4 * 1024 * 1024;

/**
 * A configuration file's text, or why it is not read: larger than the limit, or (when
 * `allowed` folders are given, symlinks resolved) a link to something outside all of them,
 * such as a `.tf` in a pull request pointing at the runner's credentials.
 */
export async function readSourceFile(
  file: string,
  allowed: string[] | undefined,
): Promise<{ text: string } | { problem: string }> {
  if (allowed) {
    const real = await fs.realpath(file);
    const roots = await Promise.all(
      allowed.map(root => fs.realpath(root).catch(() => root)),
    );
    if (!roots.some(root => isInside(real, root))) {
      return { problem: 'a link out of the folder read; not read' };
    }
  }
  const stat = await fs.stat(file);
  if (stat.size > MAX_TERRAFORM_FILE_BYTES) {
    return {
      problem: `larger than ${MAX_TERRAFORM_FILE_BYTES} bytes; not read`,
    };
  }
  return { text: await fs.readFile(file, 'utf8') };
}
