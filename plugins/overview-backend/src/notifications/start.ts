import {
  AuditorService,
  AuthService,
  DatabaseService,
  LoggerService,
  RootConfigService,
  SchedulerService,
} from '@backstage/backend-plugin-api';
import { ScmIntegrations } from '@backstage/integration';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import { upstreamStatus } from '@forja/plugin-forja-node';
import { OverviewConfig } from '../config';
import { PluginCall } from '../pluginClient';
import { Promoter } from '../promote';
import { Rollbacker } from '../rollback';
import { readNotificationsConfig } from './config';
import { migratedDatabase } from './database';
import { createEpisodeStore } from './episodes';
import { withPullRequestNotices, withRollbackNotices } from './promotions';
import {
  createPullRequestReader,
  createPullRequestStore,
} from './pullRequests';
import { createOwnerNotifier } from './watcher';

/**
 * With `overview.notifications.enabled`: migrates the episode tables, schedules the watcher
 * (`scope: 'global'`, so several replicas run each pass once) and returns the promoter and
 * rollbacker that tell owners about the pull requests they open. Otherwise both as they were.
 */
export async function startOwnerNotifications(options: {
  config: RootConfigService;
  overviewConfig: OverviewConfig;
  logger: LoggerService;
  auth: AuthService;
  auditor: AuditorService;
  catalog: CatalogService;
  database: DatabaseService;
  scheduler: SchedulerService;
  notifications: NotificationService;
  signals: SignalsService;
  call: PluginCall;
  integrations: ScmIntegrations;
  promoter: Promoter;
  rollbacker: Rollbacker;
}): Promise<{ promoter: Promoter; rollbacker: Rollbacker }> {
  const config = readNotificationsConfig(options.config);
  if (!config.enabled)
    return { promoter: options.promoter, rollbacker: options.rollbacker };
  const { logger } = options;
  const knex = await migratedDatabase(options.database);
  const notifier = createOwnerNotifier({
    ...options,
    config,
    episodes: createEpisodeStore(knex),
    pullRequests: createPullRequestStore(knex),
    readPullRequest: createPullRequestReader({
      integrations: options.integrations,
    }),
    sourceTimeoutMs: options.overviewConfig.sourceTimeoutMs,
    maxConcurrentRequests: options.overviewConfig.maxConcurrentRequests,
  });
  await options.scheduler.scheduleTask({
    id: 'overview-owner-notifications',
    scope: 'global',
    frequency: { milliseconds: config.intervalMs },
    timeout: { milliseconds: Math.max(config.intervalMs, 60_000) },
    // The first pass soon after start, not one interval later.
    initialDelay: { milliseconds: Math.min(config.intervalMs, 5_000) },
    fn: async () => {
      const summary = await notifier.run();
      const changed =
        summary.opened || summary.closed || summary.notified || summary.merged;
      logger[changed ? 'info' : 'debug'](
        `owner notifications: ${summary.entities} entities, ${summary.opened} episodes opened, ${summary.closed} closed, ${summary.notified} notified, ${summary.merged} pull requests merged`,
      );
    },
  });
  const onError = (error: unknown) =>
    logger.warn(
      `could not notify about a pull request: ${upstreamStatus(error).message}`,
    );
  return {
    promoter: withPullRequestNotices(options.promoter, notifier, onError),
    rollbacker: withRollbackNotices(options.rollbacker, notifier, onError),
  };
}
