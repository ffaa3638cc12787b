import { Episode } from './episodes';
import {
  episodeNotification,
  pullRequestNotification,
  quoted,
  recoveredNotification,
} from './messages';

const MINUTE = 60_000;
const episode: Episode = {
  id: 7,
  entityRef: 'component:default/ms-auth',
  source: 'argocd',
  kind: 'out-of-sync',
  key: 'argocd:main/argocd/ms-auth-staging:out-of-sync',
  subject: 'ms-auth-staging (staging)',
  link: '/catalog/default/component/ms-auth/argocd',
  openedAt: 0,
};

describe('notification text', () => {
  it('quotes a hostile title as one plain line: no markup, no link, no control characters, bounded', () => {
    const hostile =
      'ms-auth\n\n**URGENT** <a href="https://evil.example">[log in](https://evil.example/login)</a>\u0007 `rm -rf`';
    const text = quoted(hostile);
    expect(text).toBe(
      'ms-auth URGENT a href="https: //evil.example"log in(https: //evil.example/login)/a rm -rf',
    );
    expect(quoted('x'.repeat(500))).toHaveLength(160);
    const payload = episodeNotification(episode, hostile, 30 * MINUTE);
    expect(payload.title).not.toMatch(/[\n<>*[\]`]|https:\/\//);
    // The link is Forja's own page, never anything the entity says.
    expect(payload.link).toBe('/catalog/default/component/ms-auth/argocd');
  });

  it('says what, how long, and where, in one scope per episode', () => {
    expect(episodeNotification(episode, 'ms-auth', 31 * MINUTE)).toEqual({
      title: 'ms-auth: ms-auth-staging (staging) is OutOfSync',
      description:
        'Argo CD has reported ms-auth-staging (staging) OutOfSync for 31 minutes: the cluster does not run what Git declares.',
      severity: 'normal',
      link: '/catalog/default/component/ms-auth/argocd',
      topic: 'Argo CD',
      scope: 'forja:episode:7:0',
    });
    expect(
      recoveredNotification(episode, 'ms-auth', 45 * MINUTE),
    ).toMatchObject({
      title: 'ms-auth: ms-auth-staging (staging) is in sync again',
      description: 'Recovered after 45 minutes.',
      severity: 'low',
      scope: 'forja:episode:7:0',
    });
    const pull = {
      kind: 'promotion' as const,
      host: 'github.com',
      owner: 'acme',
      repo: 'ms-auth',
      number: 12,
      url: 'https://github.com/acme/ms-auth/pull/12',
      title: 'promote 1.3.0 from dev to staging',
    };
    expect(pullRequestNotification(pull, 'ms-auth', 'opened').scope).toBe(
      pullRequestNotification(pull, 'ms-auth', 'merged').scope,
    );
  });
});
