import { Config } from '@backstage/config';
import {
  readDurationMs,
  readTerraformModulesConfig,
  TerraformModulesConfig,
} from '@forja/plugin-forja-node';

export interface PublishRetryConfig {
  /** Tries per push or rate-limited request, the first included. */
  attempts: number;
  /** First backoff delay; doubles per attempt. */
  initialDelayMs: number;
  /** Longest GitHub-requested wait (retry-after) the task sits out. */
  maxWaitMs: number;
}

export interface ForjaScaffolderConfig {
  /** Where generated Terraform takes Forja's modules from, and a local copy if configured. */
  moduleSource: TerraformModulesConfig;
  publish: {
    retry: PublishRetryConfig;
    deleteRepositoryOnFailure: boolean;
    author: { name: string; email: string };
  };
}

export function readForjaScaffolderConfig(
  config: Config,
): ForjaScaffolderConfig {
  const publish = config.getOptionalConfig('forja.publish');
  return {
    moduleSource: readTerraformModulesConfig(config),
    publish: {
      retry: {
        attempts: publish?.getOptionalNumber('retry.attempts') ?? 4,
        initialDelayMs: readDurationMs(
          config,
          'forja.publish.retry.initialDelay',
          {
            deprecated: {
              key: 'forja.publish.retry.initialDelayMs',
              unit: 'milliseconds',
            },
            defaultValue: { seconds: 1 },
          },
        ),
        maxWaitMs: readDurationMs(config, 'forja.publish.retry.maxWait', {
          deprecated: {
            key: 'forja.publish.retry.maxWaitSeconds',
            unit: 'seconds',
          },
          defaultValue: { minutes: 1 },
        }),
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
