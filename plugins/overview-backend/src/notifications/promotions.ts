import { Entity } from '@backstage/catalog-model';
import { Promoter, repositoryOf } from '../promote';
import { pullRequestOf } from './pullRequests';
import { OwnerNotifier } from './watcher';

/**
 * The promoter, telling the entity's owners about each pull request it opens (and having
 * the watcher follow it until it merges). A notice that fails is reported to `onError` and
 * never fails the promotion: the pull request exists either way.
 */
export function withPullRequestNotices(
  promoter: Promoter,
  notifier: Pick<OwnerNotifier, 'pullRequestOpened'>,
  onError: (error: unknown) => void,
): Promoter {
  return {
    ...promoter,
    async promote(entity: Entity, target: string) {
      const promotion = await promoter.promote(entity, target);
      if (promotion.created) {
        try {
          const number = pullRequestOf(promotion.pullRequestUrl)?.number;
          if (number === undefined)
            throw new Error(
              `${promotion.pullRequestUrl} is not a pull request URL`,
            );
          // The repository the promoter wrote to, not what the URL claims.
          const { host, owner, repo } = repositoryOf(entity);
          await notifier.pullRequestOpened(
            entity,
            {
              kind: 'promotion',
              url: promotion.pullRequestUrl,
              title: `promote ${promotion.tag} from ${promotion.from} to ${promotion.to}`,
            },
            { host, owner, repo, number },
          );
        } catch (error) {
          onError(error);
        }
      }
      return promotion;
    },
  };
}
