import { resolvePackagePath } from '@backstage/backend-plugin-api';
import { Config } from '@backstage/config';
import path from 'node:path';
import { DEFAULT_MODULE_SOURCE, ModuleSource } from './render/environment';

/** The Forja repository this code runs from (its terraform/modules). */
export const FORJA_ROOT = path.resolve(
  resolvePackagePath('@forja/plugin-scaffolder-backend-module-forja'),
  '../..',
);

export interface PublishRetryConfig {
  /** Tries per push or rate-limited request, the first included. */
  attempts: number;
  /** First backoff delay; doubles per attempt. */
  initialDelayMs: number;
  /** Longest GitHub-requested wait (retry-after) the task sits out. */
  maxWaitMs: number;
}

export interface ForjaScaffolderConfig {
  moduleSource: ModuleSource;
  /** Git repository URL to a local checkout, for offline module checks. */
  moduleRepositories: Record<string, string>;
  publish: {
    retry: PublishRetryConfig;
    deleteRepositoryOnFailure: boolean;
    author: { name: string; email: string };
  };
}

export function readForjaScaffolderConfig(
  config: Config,
): ForjaScaffolderConfig {
  const modules = config.getOptionalConfig('forja.terraformModules');
  const repository =
    modules?.getOptionalString('repository') ??
    DEFAULT_MODULE_SOURCE.repository;
  const ref = modules?.getOptionalString('ref') ?? DEFAULT_MODULE_SOURCE.ref;
  if (!/^https:\/\/[a-z0-9.-]+\/[\w.-]+\/[\w.-]+\.git$/.test(repository)) {
    throw new Error(
      `forja.terraformModules.repository must be an https git URL ending in .git, got "${repository}"`,
    );
  }
  if (!/^[\w][\w.\-/]{0,99}$/.test(ref)) {
    throw new Error(
      `forja.terraformModules.ref must be a tag, branch or commit, got "${ref}"`,
    );
  }
  const localPath = path.resolve(
    modules?.getOptionalString('localPath') ?? FORJA_ROOT,
  );
  const publish = config.getOptionalConfig('forja.publish');
  const maxWaitSeconds =
    publish?.getOptionalNumber('retry.maxWaitSeconds') ?? 60;
  return {
    moduleSource: { repository, ref },
    moduleRepositories: { [repository]: localPath },
    publish: {
      retry: {
        attempts: publish?.getOptionalNumber('retry.attempts') ?? 4,
        initialDelayMs:
          publish?.getOptionalNumber('retry.initialDelayMs') ?? 1000,
        maxWaitMs: maxWaitSeconds * 1000,
      },
      deleteRepositoryOnFailure:
        publish?.getOptionalBoolean('deleteRepositoryOnFailure') ?? false,
      author: {
        name:
          config.getOptionalString('scaffolder.defaultAuthor.name') ?? 'Forja',
        email:
          config.getOptionalString('scaffolder.defaultAuthor.email') ??
          'forja@users.noreply.github.com',
      },
    },
  };
}
