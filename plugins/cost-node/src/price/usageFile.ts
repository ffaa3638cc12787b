import { promises as fs } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { UsageFile } from './types';

/** Infracost's conventional name for the usage file kept beside what it describes. */
export const USAGE_FILE_NAME = 'infracost-usage.yml';
const MAX_BYTES = 64 * 1024;

const usageValues = z.record(z.string(), z.number().finite().nonnegative());
const usageFileSchema = z
  .object({
    version: z.union([z.string(), z.number()]).optional(),
    resource_usage: z.record(z.string(), usageValues).optional(),
    resource_type_default_usage: z.record(z.string(), usageValues).optional(),
  })
  .strict();

/** Parses a usage file's text: Infracost's shape, numbers only, nothing else accepted. */
export function parseUsageFile(text: string, source: string): UsageFile {
  if (Buffer.byteLength(text) > MAX_BYTES)
    throw new Error(`${source}: larger than ${MAX_BYTES} bytes`);
  const result = usageFileSchema.safeParse(
    parse(text, { maxAliasCount: 0 }) ?? {},
  );
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new Error(
      `${source}: ${issue.path.join('.') || '(root)'}: ${issue.message}`,
    );
  }
  return {
    ...result.data,
    version:
      result.data.version === undefined
        ? undefined
        : String(result.data.version),
  };
}

/** The usage file beside an estimated folder, if it has one. */
export async function readUsageFileIn(
  dir: string,
): Promise<UsageFile | undefined> {
  const file = path.join(dir, USAGE_FILE_NAME);
  let text: string;
  try {
    const stat = await fs.lstat(file);
    // A link could point anywhere: only a plain file in the folder is read.
    if (!stat.isFile()) return undefined;
    text = await fs.readFile(file, 'utf8');
  } catch {
    return undefined;
  }
  return parseUsageFile(text, file);
}
