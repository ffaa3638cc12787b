import { createHash } from 'node:crypto';
import fs from 'fs-extra';
import path from 'node:path';
import { z } from 'zod';
import { FileSet, json, listFiles } from './files';

/** Where a generated repository records the template it came from (beside catalog-info.yaml). */
export const TEMPLATE_RECORD_FILE = '.forja/template.json';

/** A repository-relative file path: plain segments, none `.`, `..` or empty, no leading slash. */
const filePath = z
  .string()
  .max(400)
  .refine(
    p =>
      p.split('/').every(s => /^[A-Za-z0-9._@+-]{1,255}$/.test(s)) &&
      !p.split('/').some(s => s === '.' || s === '..'),
    'must be a relative path of plain segments',
  );

/**
 * `.forja/template.json`: what an upgrade needs to re-render the repository and to
 * find its pristine render. `files` maps each rendered file to its git blob id, the
 * object the generation commit (or the last upgrade's `forja-template/*` tag) holds.
 */
export const templateRecordSchema = z
  .object({
    template: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/),
    version: z.string().regex(/^[0-9A-Za-z._-]{1,32}$/),
    digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
    values: z.record(z.string(), z.unknown()),
    files: z
      .record(filePath, z.string().regex(/^[0-9a-f]{40}$/))
      .refine(f => Object.keys(f).length <= 5000, 'at most 5000 files'),
  })
  .strict();
export type TemplateRecord = z.infer<typeof templateRecordSchema>;

/** The id git gives a blob with this content (`git hash-object`). */
export function gitBlobSha(content: string): string {
  const bytes = Buffer.from(content, 'utf8');
  return createHash('sha1')
    .update(`blob ${bytes.length}\0`)
    .update(bytes)
    .digest('hex');
}

/**
 * A digest of what a render reads: every file of the template's `forja/` and
 * `skeleton/` folders, by path and content. It changes with any edit to them, and with
 * nothing else (template.yaml's form is not part of the output).
 */
export async function templateDigest(dirs: {
  forjaDir: string;
  skeletonDir: string;
}): Promise<string> {
  const hash = createHash('sha256');
  for (const [label, dir] of [
    ['forja', dirs.forjaDir],
    ['skeleton', dirs.skeletonDir],
  ] as const) {
    for (const rel of await listFiles(dir)) {
      const content = await fs.readFile(path.join(dir, rel));
      const name = `${label}/${rel.split(path.sep).join('/')}`;
      hash.update(`${name}\0${content.length}\0`).update(content);
    }
  }
  return `sha256:${hash.digest('hex')}`;
}

/** Adds `.forja/template.json` to a render: the template, its version, values and files. */
export function withTemplateRecord(
  files: FileSet,
  record: Omit<TemplateRecord, 'files'>,
): FileSet {
  const blobs: Record<string, string> = {};
  for (const [file, content] of [...files].sort(([a], [b]) =>
    a < b ? -1 : 1,
  )) {
    if (file !== TEMPLATE_RECORD_FILE) blobs[file] = gitBlobSha(content);
  }
  const result: FileSet = new Map(files);
  result.set(TEMPLATE_RECORD_FILE, json({ ...record, files: blobs }));
  return result;
}
