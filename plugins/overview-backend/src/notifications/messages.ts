import { NotificationPayload } from '@backstage/plugin-notifications-common';
import { Episode } from './episodes';

/** Longest piece of upstream or catalog text a notification quotes. */
const MAX_QUOTED = 160;

/**
 * Text from the catalog or an upstream (an entity's title, an application's name, an alert's
 * summary) as it may appear in a notification: one line, no control characters, none of
 * the characters markup would act on where notifications are forwarded (e-mail, Slack),
 * no link Slack or a mail reader would make of a URL, bounded.
 */
export function quoted(text: string): string {
  const line = text
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f-\u009f\u2028\u2029]+/g, ' ')
    .replace(/[<>[\]`*_|~\\]/g, '')
    .replace(/([a-z][a-z0-9+.-]*):\/\//gi, '$1: //')
    .replace(/\s+/g, ' ')
    .trim();
  return line.length > MAX_QUOTED ? `${line.slice(0, MAX_QUOTED - 1)}…` : line;
}

/**
 * Notifications of one episode share a scope: its "recovered" replaces its first one. The
 * opening time keeps scopes apart should the episode table ever start again from id 1.
 */
export const episodeScope = (episode: Pick<Episode, 'id' | 'openedAt'>) =>
  `forja:episode:${episode.id}:${episode.openedAt}`;

const minutes = (ms: number) => {
  const m = Math.round(ms / 60_000);
  if (m < 1) return 'less than a minute';
  return m === 1 ? '1 minute' : `${m} minutes`;
};

const TOPIC: Record<Episode['kind'], string> = {
  degraded: 'Argo CD',
  'out-of-sync': 'Argo CD',
  'alert-firing': 'Grafana alerts',
};

/** The notification that tells an entity's owners about an episode that held long enough. */
export function episodeNotification(
  episode: Episode,
  entityName: string,
  now: number,
): NotificationPayload {
  const entity = quoted(entityName);
  const subject = quoted(episode.subject);
  const held = minutes(now - episode.openedAt);
  const text = {
    degraded: {
      title: `${entity}: ${subject} is Degraded`,
      description: `Argo CD has reported ${subject} Degraded for ${held}.`,
      severity: 'high' as const,
    },
    'out-of-sync': {
      title: `${entity}: ${subject} is OutOfSync`,
      description: `Argo CD has reported ${subject} OutOfSync for ${held}: the cluster does not run what Git declares.`,
      severity: 'normal' as const,
    },
    'alert-firing': {
      title: `${entity}: alert firing`,
      description: `Grafana alert ${subject}.`,
      severity: 'critical' as const,
    },
  }[episode.kind];
  return {
    ...text,
    link: episode.link,
    topic: TOPIC[episode.kind],
    scope: episodeScope(episode),
  };
}

/** The update of a notified episode once its condition cleared (same scope). */
export function recoveredNotification(
  episode: Episode,
  entityName: string,
  now: number,
): NotificationPayload {
  const entity = quoted(entityName);
  const subject = quoted(episode.subject);
  const what = {
    degraded: `${subject} is no longer Degraded`,
    'out-of-sync': `${subject} is in sync again`,
    'alert-firing': `alert resolved: ${subject}`,
  }[episode.kind];
  return {
    title: `${entity}: ${what}`,
    description: `Recovered after ${minutes(now - episode.openedAt)}.`,
    severity: 'low',
    link: episode.link,
    topic: TOPIC[episode.kind],
    scope: episodeScope(episode),
  };
}

/** A promotion or rollback pull request, opened or merged (one scope per pull request). */
export function pullRequestNotification(
  pull: {
    kind: 'promotion' | 'rollback';
    host: string;
    owner: string;
    repo: string;
    number: number;
    url: string;
    title: string;
  },
  entityName: string,
  event: 'opened' | 'merged',
): NotificationPayload {
  const entity = quoted(entityName);
  return {
    title: `${entity}: ${pull.kind} pull request ${event}`,
    description: `${quoted(pull.title)} (${quoted(
      `${pull.owner}/${pull.repo}`,
    )}#${pull.number})`,
    severity: event === 'merged' ? 'normal' : 'low',
    link: pull.url,
    topic: pull.kind === 'promotion' ? 'Promotion' : 'Rollback',
    scope: `forja:pull-request:${pull.host}/${pull.owner}/${pull.repo}#${pull.number}`,
  };
}
