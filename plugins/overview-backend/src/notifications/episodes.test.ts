import { Knex } from 'knex';
import {
  Condition,
  ConditionSource,
  createEpisodeStore,
  Episode,
  isDue,
} from './episodes';
import { episodeDatabases } from '../__testUtils__/episodeDatabases';

const MINUTE = 60_000;
const HOLD = {
  degraded: 10 * MINUTE,
  'out-of-sync': 30 * MINUTE,
  'alert-firing': 0,
};

const degraded: Condition = {
  entityRef: 'component:default/ms-auth',
  source: 'argocd',
  kind: 'degraded',
  key: 'argocd:main/argocd/ms-auth-prod:degraded',
  subject: 'ms-auth-prod (prod)',
  link: '/catalog/default/component/ms-auth/argocd',
};
const firing: Condition = {
  entityRef: 'component:default/ms-auth',
  source: 'grafana',
  kind: 'alert-firing',
  key: 'grafana:grafana.example.com:ms-auth/errors/HighErrorRate',
  subject: 'HighErrorRate',
};
const everythingRead = (_entityRef: string, _source: ConditionSource) => true;

const databases = episodeDatabases();
afterAll(() => databases.close(), 60_000);

describe.each(['sqlite', 'postgres'] as const)('episodes on %s', kind => {
  let knex: Knex;
  beforeAll(async () => {
    knex = await databases.open(kind);
  }, 120_000);
  beforeEach(() => databases.reset(knex));

  /** The store, passes over it on a fake clock, and which episodes are due after each. */
  const passes = () => {
    const store = createEpisodeStore(knex);
    return {
      store,
      async pass(
        now: number,
        conditions: Condition[],
        observed = everythingRead,
      ) {
        const changes = await store.reconcile(now, conditions, observed);
        const due: Episode[] = [];
        for (const episode of changes.open.filter(e => isDue(e, now, HOLD)))
          if (await store.claim(episode.id, now)) due.push(episode);
        return { ...changes, due };
      },
    };
  };

  it('opens an episode when a condition is first seen and notifies once it held long enough', async () => {
    const { pass } = passes();
    const first = await pass(0, [degraded]);
    expect(first.opened).toHaveLength(1);
    expect(first.opened[0]).toMatchObject({ ...degraded, openedAt: 0 });
    expect(first.due).toEqual([]);
    expect((await pass(9 * MINUTE, [degraded])).due).toEqual([]);
    const held = await pass(10 * MINUTE, [degraded]);
    expect(held.opened).toEqual([]);
    expect(held.due.map(e => e.id)).toEqual([first.opened[0].id]);
  });

  it('notifies once per episode however many passes see it', async () => {
    const { pass, store } = passes();
    const due = [];
    for (let minute = 0; minute <= 60; minute += 1)
      due.push(...(await pass(minute * MINUTE, [degraded])).due);
    expect(due).toHaveLength(1);
    // A second store (a restart, another replica) on the same table sees it notified.
    const again = await createEpisodeStore(knex).reconcile(
      61 * MINUTE,
      [degraded],
      everythingRead,
    );
    expect(again.opened).toEqual([]);
    expect(again.open[0].notifiedAt).toBe(10 * MINUTE);
    expect(await store.claim(again.open[0].id, 61 * MINUTE)).toBe(false);
  });

  it('notifies a firing alert at once', async () => {
    const { pass } = passes();
    const first = await pass(0, [firing]);
    expect(first.due.map(e => e.key)).toEqual([firing.key]);
  });

  it('closes an episode when its condition clears, and a new one opens if it comes back', async () => {
    const { pass } = passes();
    const first = await pass(0, [degraded]);
    await pass(10 * MINUTE, [degraded]);
    const cleared = await pass(12 * MINUTE, []);
    expect(cleared.closed).toHaveLength(1);
    expect(cleared.closed[0]).toMatchObject({
      id: first.opened[0].id,
      notifiedAt: 10 * MINUTE,
      closedAt: 12 * MINUTE,
    });
    expect(cleared.open).toEqual([]);
    const back = await pass(13 * MINUTE, [degraded]);
    expect(back.opened).toHaveLength(1);
    expect(back.opened[0].id).not.toBe(first.opened[0].id);
    // The new episode waits out the threshold again and notifies on its own.
    expect((await pass(22 * MINUTE, [degraded])).due).toEqual([]);
    expect((await pass(23 * MINUTE, [degraded])).due.map(e => e.id)).toEqual([
      back.opened[0].id,
    ]);
  });

  it('closes nothing of a source that was not read (Argo CD down is not recovered)', async () => {
    const { pass } = passes();
    await pass(0, [degraded, firing]);
    const argocdDown = await pass(
      MINUTE,
      [firing],
      (_, source) => source !== 'argocd',
    );
    expect(argocdDown.closed).toEqual([]);
    expect(argocdDown.open.map(e => e.key).sort()).toEqual(
      [degraded.key, firing.key].sort(),
    );
    // Its threshold still counts from when it was first seen.
    const later = await pass(10 * MINUTE, [degraded, firing]);
    expect(later.due.map(e => e.key)).toEqual([degraded.key]);
  });

  it('gives a claim back when the notification could not be sent', async () => {
    const { pass, store } = passes();
    const { due } = await pass(0, [firing]);
    await store.release(due[0].id);
    expect((await pass(MINUTE, [firing])).due.map(e => e.id)).toEqual([
      due[0].id,
    ]);
  });

  it('prunes closed episodes older than the cut-off, never open ones', async () => {
    const { pass, store } = passes();
    await pass(0, [degraded, firing]);
    await pass(MINUTE, [firing]);
    expect(await store.prune(MINUTE)).toBe(0);
    expect(await store.prune(MINUTE + 1)).toBe(1);
    expect((await store.list()).map(e => e.key)).toEqual([firing.key]);
  });
});
