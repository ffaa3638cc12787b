import {
  AuditorService,
  AuthService,
  LoggerService,
} from '@backstage/backend-plugin-api';
import { Entity, parseEntityRef } from '@backstage/catalog-model';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { CatalogService } from '@backstage/plugin-catalog-node';
import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { NotificationService } from '@backstage/plugin-notifications-node';
import { SignalsService } from '@backstage/plugin-signals-node';
import {
  ARGOCD_ANNOTATION_APP_NAME,
  ARGOCD_ANNOTATION_APP_SELECTOR,
} from '@forja/plugin-argocd-common';
import { audited, Semaphore, upstreamStatus } from '@forja/plugin-forja-node';
import { GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR } from '@forja/plugin-grafana-common';
import {
  EntitySignal,
  entitySignalChannel,
} from '@forja/plugin-overview-common';
import { ENTITY_FIELDS } from '../overview/scope';
import { PluginCall } from '../pluginClient';
import { readAlerts, readApplications, refOf } from '../sources';
import {
  argocdConditions,
  grafanaConditions,
  Observation,
  observedKey,
} from './conditions';
import { NotificationsConfig } from './config';
import { ConditionSource, EpisodeStore, isDue } from './episodes';
import {
  episodeNotification,
  pullRequestNotification,
  recoveredNotification,
} from './messages';
import { PullRequestReader, PullRequestStore } from './pullRequests';

/** What one pass did, for logs and tests. */
export interface WatchSummary {
  entities: number;
  opened: number;
  closed: number;
  notified: number;
  merged: number;
  failures: string[];
}

export interface OwnerNotifierOptions {
  config: NotificationsConfig;
  catalog: CatalogService;
  auth: AuthService;
  call: PluginCall;
  episodes: EpisodeStore;
  pullRequests: PullRequestStore;
  readPullRequest: PullRequestReader;
  notifications: NotificationService;
  signals: SignalsService;
  auditor: AuditorService;
  logger: LoggerService;
  sourceTimeoutMs: number;
  maxConcurrentRequests: number;
  /** The clock (tests pass a fake one). */
  now?: () => number;
}

/**
 * Tells an entity's owners (the notifications backend resolves `type: 'entity'` to the
 * entity's `ownedBy`) about its applications Degraded or OutOfSync for longer than
 * configured, its alert rules that start firing, and its promotion and rollback pull
 * requests as they open and merge. One notification per episode (episodes.ts), each
 * audited as `owner-notify`; a signal on the entity's channel when something changes.
 */
export function createOwnerNotifier(options: OwnerNotifierOptions) {
  const { config, catalog, auth, episodes, pullRequests, logger } = options;
  const now = options.now ?? (() => Date.now());
  const holdMs = {
    degraded: config.degradedForMs,
    'out-of-sync': config.outOfSyncForMs,
    'alert-firing': 0,
  };

  async function send(
    entityRef: string,
    payload: NotificationPayload,
  ): Promise<void> {
    await audited(
      options.auditor,
      'owner-notify',
      { credentials: await auth.getOwnServiceCredentials() },
      async () => {
        await options.notifications.send({
          recipients: { type: 'entity', entityRef },
          payload,
        });
        return {
          result: undefined,
          meta: {
            entityRef,
            topic: payload.topic ?? null,
            scope: payload.scope ?? null,
            severity: payload.severity ?? null,
          },
        };
      },
    );
  }

  async function signal(entityRef: string, change: EntitySignal['change']) {
    try {
      // Only that something changed: the page reads it again through its own routes.
      await options.signals.publish<EntitySignal>({
        recipients: { type: 'broadcast' },
        channel: entitySignalChannel(entityRef),
        message: { change },
      });
    } catch (error) {
      logger.warn(
        `could not signal ${entityRef}: ${upstreamStatus(error).message}`,
      );
    }
  }

  async function watchedEntities(): Promise<Entity[]> {
    const annotation = (key: string) => ({
      kind: 'component',
      [`metadata.annotations.${key}`]: CATALOG_FILTER_EXISTS,
    });
    const { items } = await catalog.getEntities(
      {
        filter: [
          annotation(ARGOCD_ANNOTATION_APP_NAME),
          annotation(ARGOCD_ANNOTATION_APP_SELECTOR),
          annotation(GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR),
        ],
        fields: ENTITY_FIELDS,
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items;
  }

  const annotated = (entity: Entity, key: string) =>
    Boolean(entity.metadata.annotations?.[key]?.trim());
  /** Whether the entity still asks for the source (as the bulk reads select it). */
  const watches = (entity: Entity | undefined, source: ConditionSource) =>
    entity !== undefined &&
    (source === 'argocd'
      ? annotated(entity, ARGOCD_ANNOTATION_APP_NAME) ||
        annotated(entity, ARGOCD_ANNOTATION_APP_SELECTOR)
      : annotated(entity, GRAFANA_ANNOTATION_ALERT_LABEL_SELECTOR));

  const nameOf = (entity: Entity | undefined, entityRef: string) =>
    entity?.metadata.title || entity?.metadata.name || entityRef;

  /** Reads every watched entity's sources and notifies what became due. */
  async function watchEpisodes(summary: WatchSummary) {
    const entities = await watchedEntities();
    summary.entities = entities.length;
    const byRef = new Map(entities.map(e => [refOf(e), e]));
    const sourceOptions = {
      call: options.call,
      timeoutMs: options.sourceTimeoutMs,
      limit: new Semaphore(options.maxConcurrentRequests),
    };
    const seen: Observation = { conditions: [], observed: new Set() };
    // A source that fails observes nothing: its open episodes stay open (and notify when due).
    await Promise.all([
      readApplications(entities, sourceOptions).then(
        answers => argocdConditions(answers, seen),
        error =>
          summary.failures.push(`argocd: ${upstreamStatus(error).message}`),
      ),
      readAlerts(entities, sourceOptions).then(
        answers => grafanaConditions(answers, seen),
        error =>
          summary.failures.push(`grafana: ${upstreamStatus(error).message}`),
      ),
    ]);
    const at = now();
    const changes = await episodes.reconcile(
      at,
      seen.conditions,
      // An entity gone from the catalog, or no longer annotated for the source, counts as
      // read: its episodes of that source close.
      (entityRef, source) =>
        seen.observed.has(observedKey(entityRef, source)) ||
        !watches(byRef.get(entityRef), source),
    );
    summary.opened = changes.opened.length;
    summary.closed = changes.closed.length;

    for (const episode of changes.open.filter(e => isDue(e, at, holdMs))) {
      if (!(await episodes.claim(episode.id, at))) continue;
      const name = nameOf(byRef.get(episode.entityRef), episode.entityRef);
      try {
        await send(episode.entityRef, episodeNotification(episode, name, at));
        summary.notified++;
      } catch (error) {
        await episodes.release(episode.id);
        summary.failures.push(
          `notify ${episode.entityRef}: ${upstreamStatus(error).message}`,
        );
      }
    }
    for (const episode of changes.closed.filter(e => e.notifiedAt)) {
      const name = nameOf(byRef.get(episode.entityRef), episode.entityRef);
      try {
        await send(episode.entityRef, recoveredNotification(episode, name, at));
      } catch (error) {
        summary.failures.push(
          `notify ${episode.entityRef}: ${upstreamStatus(error).message}`,
        );
      }
    }
    const changed = new Set(
      [...changes.opened, ...changes.closed].map(e => e.entityRef),
    );
    await Promise.all([...changed].map(ref => signal(ref, 'episode')));
  }

  /** Notifies once for each recorded pull request GitHub now reports merged. */
  async function watchPullRequests(summary: WatchSummary) {
    for (const pull of await pullRequests.open(config.maxPullRequestsPerRun)) {
      try {
        const state = await options.readPullRequest(pull);
        const at = now();
        if (state.state === 'open') {
          await pullRequests.checked(pull.id, at);
        } else if (
          (await pullRequests.settle(pull.id, at, Boolean(state.mergedAt))) &&
          state.mergedAt
        ) {
          await send(
            pull.entityRef,
            pullRequestNotification(
              pull,
              parseEntityRef(pull.entityRef).name,
              'merged',
            ),
          );
          summary.merged++;
          await signal(pull.entityRef, 'pull-request');
        }
      } catch (error) {
        await pullRequests.checked(pull.id, now());
        summary.failures.push(
          `pull request ${pull.url}: ${upstreamStatus(error).message}`,
        );
      }
    }
  }

  return {
    /** One pass: episodes, pull requests, then pruning of old rows. */
    async run(): Promise<WatchSummary> {
      const summary: WatchSummary = {
        entities: 0,
        opened: 0,
        closed: 0,
        notified: 0,
        merged: 0,
        failures: [],
      };
      await watchEpisodes(summary);
      await watchPullRequests(summary);
      const before = now() - config.keepClosedForMs;
      await episodes.prune(before);
      await pullRequests.prune(before);
      for (const failure of summary.failures)
        logger.warn(`owner notifications: ${failure}`);
      return summary;
    },

    /** Tells the owners about a pull request Forja just opened, and watches it for its merge. */
    async pullRequestOpened(
      entity: Entity,
      pull: { kind: 'promotion' | 'rollback'; url: string; title: string },
      where: { host: string; owner: string; repo: string; number: number },
    ): Promise<void> {
      const entityRef = refOf(entity);
      const tracked = { ...where, ...pull, entityRef };
      if (!(await pullRequests.record(tracked, now()))) return;
      await send(
        entityRef,
        pullRequestNotification(tracked, nameOf(entity, entityRef), 'opened'),
      );
      await signal(entityRef, 'pull-request');
    },
  };
}

export type OwnerNotifier = ReturnType<typeof createOwnerNotifier>;
