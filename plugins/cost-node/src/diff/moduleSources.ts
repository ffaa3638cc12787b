import { promises as fs } from 'node:fs';
import path from 'node:path';
import { readSourceFile } from '../hcl/readSourceFile';

/** A Git repository module sources name, and the ref they pin. */
export interface GitModuleSource {
  repository: string;
  ref?: string;
}

/** Only these are listed: a plain https URL and a tag, branch or commit, safe as arguments. */
const SOURCE =
  /source\s*=\s*"git::(https:\/\/[a-z0-9.:-]+\/[\w.-]+\/[\w.-]+\.git)\/\/[\w./-]*(?:\?ref=(\w[\w.\-/]{0,99}))?"/g;
const MAX_FILES = 2000;

async function tfFiles(dir: string, files: string[]): Promise<void> {
  for (const entry of await fs.readdir(dir, { withFileTypes: true })) {
    if (files.length >= MAX_FILES) return;
    if (entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    // Links are not followed: the listing stays inside the checkout.
    if (entry.isDirectory()) await tfFiles(full, files);
    else if (entry.isFile() && entry.name.endsWith('.tf')) files.push(full);
  }
}

/**
 * The Git repositories (and refs) that a checkout's Terraform takes modules from, for a
 * workflow to clone before pricing offline (`--module-repository`). Read from the base of
 * a pull request, so the head cannot choose what the runner fetches.
 */
export async function gitModuleSources(
  checkout: string,
): Promise<GitModuleSource[]> {
  const files: string[] = [];
  await tfFiles(path.resolve(checkout), files);
  const found = new Map<string, GitModuleSource>();
  for (const file of files.sort()) {
    const read = await readSourceFile(file, [checkout]);
    if (!('text' in read)) continue;
    for (const match of read.text.matchAll(SOURCE)) {
      const source = { repository: match[1], ref: match[2] };
      found.set(`${source.repository} ${source.ref ?? ''}`, source);
    }
  }
  return [...found.values()].sort((a, b) =>
    `${a.repository} ${a.ref}`.localeCompare(`${b.repository} ${b.ref}`),
  );
}
