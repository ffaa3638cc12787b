import { Config } from '@backstage/config';
import { HumanDuration } from '@backstage/types';
import { readDurationMs } from '@forja/plugin-forja-node';

/** `overview.notifications`: when the owners of an entity hear about its trouble. */
export interface NotificationsConfig {
  enabled: boolean;
  /** How often the watcher reads Argo CD, Grafana and the recorded pull requests. */
  intervalMs: number;
  /** How long an application stays Degraded before its owners are told. */
  degradedForMs: number;
  /** How long an application stays OutOfSync before its owners are told. */
  outOfSyncForMs: number;
  /** How long closed episodes and settled pull requests are kept (then pruned). */
  keepClosedForMs: number;
  /** Recorded pull requests read per pass (the oldest-read first). */
  maxPullRequestsPerRun: number;
}

export function readNotificationsConfig(config: Config): NotificationsConfig {
  const key = 'overview.notifications';
  const notifications = config.getOptionalConfig(key);
  const duration = (
    name: string,
    defaultValue: HumanDuration,
    allowZero = false,
  ) => readDurationMs(config, `${key}.${name}`, { defaultValue, allowZero });
  const maxPullRequestsPerRun =
    notifications?.getOptionalNumber('maxPullRequestsPerRun') ?? 50;
  if (!Number.isInteger(maxPullRequestsPerRun) || maxPullRequestsPerRun < 1)
    throw new Error(
      `${key}.maxPullRequestsPerRun must be a positive whole number, got ${maxPullRequestsPerRun}`,
    );
  return {
    enabled: notifications?.getOptionalBoolean('enabled') ?? false,
    intervalMs: duration('interval', { minutes: 1 }),
    degradedForMs: duration('degradedFor', { minutes: 10 }, true),
    outOfSyncForMs: duration('outOfSyncFor', { minutes: 30 }, true),
    keepClosedForMs: duration('keepClosedFor', { days: 30 }),
    maxPullRequestsPerRun,
  };
}
