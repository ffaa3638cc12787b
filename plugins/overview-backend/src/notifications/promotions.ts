import { Entity } from '@backstage/catalog-model';
import { Promoter, repositoryOf } from '../promote';
import { Rollbacker } from '../rollback';
import { pullRequestOf } from './pullRequests';
import { OwnerNotifier } from './watcher';

type Notifier = Pick<OwnerNotifier, 'pullRequestOpened'>;

/**
 * Tells the entity's owners about a pull request Forja just opened in its repository (and
 * has the watcher follow it until it merges). A notice that fails is reported to `onError`
 * and never fails the write: the pull request exists either way.
 */
async function noticeOpened(
  notifier: Notifier,
  onError: (error: unknown) => void,
  entity: Entity,
  pull: {
    kind: 'promotion' | 'rollback';
    url: string;
    title: string;
    created: boolean;
  },
) {
  if (!pull.created) return;
  try {
    const number = pullRequestOf(pull.url)?.number;
    if (number === undefined)
      throw new Error(`${pull.url} is not a pull request URL`);
    // The repository the write went to, not what the URL claims.
    const { host, owner, repo } = repositoryOf(entity);
    await notifier.pullRequestOpened(
      entity,
      { kind: pull.kind, url: pull.url, title: pull.title },
      { host, owner, repo, number },
    );
  } catch (error) {
    onError(error);
  }
}

/** The promoter, telling owners about each promotion pull request it opens. */
export function withPullRequestNotices(
  promoter: Promoter,
  notifier: Notifier,
  onError: (error: unknown) => void,
): Promoter {
  return {
    ...promoter,
    async promote(entity: Entity, target: string) {
      const promotion = await promoter.promote(entity, target);
      await noticeOpened(notifier, onError, entity, {
        kind: 'promotion',
        url: promotion.pullRequestUrl,
        title: `promote ${promotion.tag} from ${promotion.from} to ${promotion.to}`,
        created: promotion.created,
      });
      return promotion;
    },
  };
}

/** The rollbacker, telling owners about each rollback pull request it opens. */
export function withRollbackNotices(
  rollbacker: Rollbacker,
  notifier: Notifier,
  onError: (error: unknown) => void,
): Rollbacker {
  return {
    ...rollbacker,
    async rollback(entity: Entity, environment: string, revision: string) {
      const rollback = await rollbacker.rollback(entity, environment, revision);
      await noticeOpened(notifier, onError, entity, {
        kind: 'rollback',
        url: rollback.pullRequestUrl,
        title: `roll ${rollback.environment} back to ${rollback.tag}`,
        created: rollback.created,
      });
      return rollback;
    },
  };
}
