import { NotificationSendOptions } from '@backstage/plugin-notifications-node';
import {
  AuditEvent,
  startBackend,
  startUpstreams,
  Upstreams,
} from '../__testUtils__/checkout';
import { recordingNotificationServices } from '../__testUtils__/notifications';

jest.setTimeout(120_000);

const MINUTE = 60_000;
const notifications = {
  enabled: true,
  interval: '1m',
  degradedFor: '10m',
  outOfSyncFor: '30m',
};

/** Who, what and where: the part of a sent notification the owners see. */
const shown = (n: NotificationSendOptions) => ({
  recipients: n.recipients,
  title: n.payload.title,
  link: n.payload.link,
  severity: n.payload.severity,
  scope: n.payload.scope,
});

describe('owner notifications (the watcher over the real Argo CD and Grafana backends)', () => {
  let upstreams: Upstreams;
  let clock: number;
  beforeEach(async () => {
    upstreams = await startUpstreams();
    clock = Date.parse('2026-12-05T10:00:00Z');
    jest.spyOn(Date, 'now').mockImplementation(() => clock);
  });
  afterEach(async () => {
    jest.restoreAllMocks();
    await Promise.all(Object.values(upstreams).map(u => u.close()));
  });

  const start = async (auditEvents: AuditEvent[] = []) => {
    const services = recordingNotificationServices();
    await startBackend(upstreams, {
      config: { overview: { notifications } },
      features: services.features,
      auditEvents,
    });
    return services;
  };

  it("tells each entity's owners once: a firing alert at once, Degraded after 10 min, OutOfSync after 30 min", async () => {
    const auditEvents: AuditEvent[] = [];
    const { sent, signals, runWatcher } = await start(auditEvents);

    await runWatcher();
    expect(sent.map(shown)).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'component:default/search' },
        title: 'search: alert firing',
        link: `${
          upstreams.grafana.url
        }/alerting/list?search=${encodeURIComponent('SearchLatencyHigh')}`,
        severity: 'critical',
        scope: expect.stringMatching(/^forja:episode:\d+:\d+$/),
      },
    ]);
    // Every entity whose episodes opened is signalled, so its open pages read it again.
    expect(signals.map(s => s.channel).sort()).toEqual([
      'forja:entity:component:default/cart',
      'forja:entity:component:default/payments',
      'forja:entity:component:default/search',
    ]);
    expect(signals[0].recipients).toEqual({ type: 'broadcast' });

    for (const minutes of [1, 5, 9]) {
      clock += MINUTE * (minutes === 1 ? 1 : 4);
      await runWatcher();
    }
    expect(sent).toHaveLength(1);

    clock += MINUTE; // 10 minutes after cart-staging was first seen Degraded
    await runWatcher();
    expect(sent.slice(1).map(shown)).toEqual([
      {
        recipients: { type: 'entity', entityRef: 'component:default/cart' },
        title: 'cart: cart-staging (staging) is Degraded',
        link: '/catalog/default/component/cart/argocd',
        severity: 'high',
        scope: expect.stringMatching(/^forja:episode:\d+:\d+$/),
      },
    ]);
    expect(sent[1].payload.description).toBe(
      'Argo CD has reported cart-staging (staging) Degraded for 10 minutes.',
    );

    clock += 20 * MINUTE;
    await runWatcher();
    expect(sent.slice(2).map(n => n.payload.title)).toEqual([
      'payments: payments-staging (staging) is OutOfSync',
    ]);
    // Polls go on; nothing is sent twice.
    for (let i = 0; i < 5; i++) {
      clock += MINUTE;
      await runWatcher();
    }
    expect(sent).toHaveLength(3);
    expect(
      auditEvents
        .filter(e => e.eventId === 'owner-notify')
        .map(e => [e.outcome, (e.meta as { entityRef: string }).entityRef]),
    ).toEqual([
      ['success', 'component:default/search'],
      ['success', 'component:default/cart'],
      ['success', 'component:default/payments'],
    ]);
  });

  it('updates the same notification when the condition clears, and opens a new episode when it comes back', async () => {
    const { sent, signals, runWatcher } = await start();
    const cart = upstreams.argocd.applications.find(
      a => a.name === 'cart-staging',
    )!;
    await runWatcher();
    clock += 10 * MINUTE;
    await runWatcher();
    const degraded = sent.find(n => n.payload.title.startsWith('cart:'))!;

    cart.health = 'Healthy';
    signals.length = 0;
    // The Argo CD backend serves its cached answer while it reads again: the change shows
    // within two passes.
    for (const _ of [1, 2]) {
      clock += MINUTE;
      await runWatcher();
    }
    expect(sent).toHaveLength(3);
    const recovered = sent[2];
    expect(shown(recovered)).toEqual({
      recipients: { type: 'entity', entityRef: 'component:default/cart' },
      title: 'cart: cart-staging (staging) is no longer Degraded',
      link: '/catalog/default/component/cart/argocd',
      severity: 'low',
      scope: degraded.payload.scope,
    });
    expect(signals.map(s => s.channel)).toEqual([
      'forja:entity:component:default/cart',
    ]);

    cart.health = 'Degraded';
    for (const _ of [1, 2]) {
      clock += MINUTE;
      await runWatcher();
    }
    clock += 10 * MINUTE;
    await runWatcher();
    const again = sent[sent.length - 1];
    expect(again.payload.title).toBe(
      'cart: cart-staging (staging) is Degraded',
    );
    expect(again.payload.scope).not.toBe(degraded.payload.scope);
  });

  it('neither closes nor re-notifies while Argo CD is down, and retries a notification the backend refused', async () => {
    const services = await start();
    const { sent, runWatcher } = services;
    await runWatcher();
    upstreams.argocd.fault = '500';
    clock += 10 * MINUTE;
    await runWatcher();
    // cart was first seen Degraded 10 minutes ago: due, although this pass could not read it.
    expect(sent.map(n => n.payload.title)).toEqual([
      'search: alert firing',
      'cart: cart-staging (staging) is Degraded',
    ]);
    upstreams.argocd.fault = 'none';
    services.failSends(true);
    clock += 20 * MINUTE;
    await runWatcher();
    expect(sent).toHaveLength(2);
    services.failSends(false);
    clock += MINUTE;
    await runWatcher();
    expect(sent.map(n => n.payload.title)).toEqual([
      'search: alert firing',
      'cart: cart-staging (staging) is Degraded',
      'payments: payments-staging (staging) is OutOfSync',
    ]);
  });

  it('schedules nothing unless enabled', async () => {
    const services = recordingNotificationServices();
    await startBackend(upstreams, { features: services.features });
    expect(services.tasks).toEqual([]);
  });
});
