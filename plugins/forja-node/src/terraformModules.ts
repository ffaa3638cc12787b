import { LoggerService, UrlReaderService } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import { InputError } from '@backstage/errors';
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The Git repository and ref generated Terraform takes Forja's modules from. */
export interface TerraformModuleSource {
  repository: string;
  ref: string;
}

export const FORJA_MODULE_SOURCE: TerraformModuleSource = {
  repository: 'https://github.com/forja-dev/forja.git',
  ref: 'v0.1.0',
};

/** `forja.terraformModules`: the source, and optionally a local copy of it. */
export interface TerraformModulesConfig extends TerraformModuleSource {
  /** A folder holding the repository's `terraform/modules` (a checkout); read as it is. */
  localPath?: string;
}

export function readTerraformModulesConfig(
  config: Config,
): TerraformModulesConfig {
  const modules = config.getOptionalConfig('forja.terraformModules');
  const repository =
    modules?.getOptionalString('repository') ?? FORJA_MODULE_SOURCE.repository;
  const ref = modules?.getOptionalString('ref') ?? FORJA_MODULE_SOURCE.ref;
  if (!/^https:\/\/[a-z0-9.:-]+\/[\w.-]+\/[\w.-]+\.git$/.test(repository)) {
    throw new InputError(
      `forja.terraformModules.repository must be an https git URL ending in .git, got "${repository}"`,
    );
  }
  if (!/^[\w][\w.\-/]{0,99}$/.test(ref)) {
    throw new InputError(
      `forja.terraformModules.ref must be a tag, branch or commit, got "${ref}"`,
    );
  }
  const localPath = modules?.getOptionalString('localPath');
  return {
    repository,
    ref,
    localPath: localPath ? path.resolve(localPath) : undefined,
  };
}

/** Local copies of the repositories Git module sources name, by repository URL. */
export interface TerraformModuleRepositories {
  /** Never fails: a repository that could not be read is left out (its modules go unchecked). */
  resolve(): Promise<Record<string, string>>;
}

/** The web address of a folder of the repository at a ref, as the UrlReader reads trees. */
export function treeUrl(source: TerraformModuleSource, folder: string) {
  return `${source.repository.replace(/\.git$/, '')}/tree/${
    source.ref
  }/${folder}`;
}

type CopyEntry = { copy?: Promise<string | undefined>; failedAt: number };

/**
 * Reads of a repository's modules by their folder, shared by every plugin of the process
 * (the scaffolder module and the cost backend configure the same source): one download.
 * One entry per configured repository and ref.
 */
const copies = new Map<string, CopyEntry>();

/**
 * The configured module repository: its local copy when one is configured, else its
 * `terraform/modules` read once through the UrlReader (the integration's host and token)
 * into the working directory. A failed read is logged and tried again after `retryAfterMs`.
 */
export function createTerraformModuleRepositories(options: {
  source: TerraformModulesConfig;
  reader: UrlReaderService;
  logger: LoggerService;
  /** Where read copies go (default: the OS temporary folder). */
  workingDirectory?: string;
  /** Further repositories with a local copy, by URL. */
  local?: Record<string, string>;
  timeoutMs?: number;
  retryAfterMs?: number;
}): TerraformModuleRepositories {
  const { source, reader, logger } = options;
  const local = { ...options.local };
  if (source.localPath) local[source.repository] = source.localPath;
  if (local[source.repository]) return { resolve: async () => local };
  const timeoutMs = options.timeoutMs ?? 60_000;
  const retryAfterMs = options.retryAfterMs ?? 60_000;
  const base = path.join(
    options.workingDirectory ?? os.tmpdir(),
    `forja-terraform-modules-${createHash('sha256')
      .update(`${source.repository}#${source.ref}`)
      .digest('hex')
      .slice(0, 16)}`,
  );
  const read = async (entry: CopyEntry): Promise<string | undefined> => {
    const url = treeUrl(source, 'terraform/modules');
    const partial = `${base}.partial-${process.pid}-${Date.now()}`;
    try {
      const tree = await reader.readTree(url, {
        signal: AbortSignal.timeout(timeoutMs),
      });
      const target = path.join(partial, 'terraform', 'modules');
      await fs.mkdir(target, { recursive: true });
      await tree.dir({ targetDir: target });
      await fs.rm(base, { recursive: true, force: true });
      await fs.rename(partial, base);
      logger.info(`read Terraform modules from ${url}`);
      return base;
    } catch (error) {
      await fs.rm(partial, { recursive: true, force: true });
      entry.failedAt = Date.now();
      logger.warn(
        `could not read Terraform modules from ${url}: ${
          (error as Error).message
        }; modules from ${source.repository} go unchecked and unpriced`,
      );
      return undefined;
    }
  };

  return {
    async resolve() {
      let entry = copies.get(base);
      if (
        !entry ||
        (entry.failedAt && Date.now() - entry.failedAt > retryAfterMs)
      ) {
        entry = { failedAt: 0 };
        copies.set(base, entry);
        entry.copy = read(entry);
      }
      const dir = await entry.copy;
      return dir ? { ...local, [source.repository]: dir } : { ...local };
    },
  };
}
