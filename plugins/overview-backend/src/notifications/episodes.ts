import { createHash } from 'node:crypto';
import { Knex } from 'knex';
import { millis } from './database';

/** Where a condition comes from: its episodes close only when that source was read. */
export type ConditionSource = 'argocd' | 'grafana';
export type ConditionKind = 'degraded' | 'out-of-sync' | 'alert-firing';

/** Something wrong with an entity, as one pass of the watcher sees it. */
export interface Condition {
  entityRef: string;
  source: ConditionSource;
  kind: ConditionKind;
  /** Names the condition within the entity: `argocd:<instance>/<namespace>/<app>:degraded`. */
  key: string;
  /** What is affected, as upstream names it: the application or the alert rule. */
  subject: string;
  link?: string;
}

/** A condition from when it was first seen until it cleared. */
export interface Episode extends Omit<Condition, 'key'> {
  id: number;
  key: string;
  openedAt: number;
  notifiedAt?: number;
  closedAt?: number;
}

const TABLE = 'overview_episodes';

const openKey = (entityRef: string, key: string) =>
  createHash('sha256').update(`${entityRef}\n${key}`).digest('hex');

interface Row {
  id: number;
  entity_ref: string;
  source: ConditionSource;
  kind: ConditionKind;
  condition_key: string;
  open_key: string | null;
  subject: string;
  link: string | null;
  opened_at: unknown;
  notified_at: unknown;
  closed_at: unknown;
}

const episodeOf = (row: Row): Episode => ({
  id: Number(row.id),
  entityRef: row.entity_ref,
  source: row.source,
  kind: row.kind,
  key: row.condition_key,
  subject: row.subject,
  link: row.link ?? undefined,
  openedAt: millis(row.opened_at)!,
  notifiedAt: millis(row.notified_at),
  closedAt: millis(row.closed_at),
});

export interface EpisodeChanges {
  opened: Episode[];
  closed: Episode[];
  /** Every episode still open after this pass, the new ones included. */
  open: Episode[];
}

/**
 * Episodes in the plugin's database, so that one condition gives one notification however
 * many passes see it, across restarts and replicas. Times are passed in (a clock).
 */
export function createEpisodeStore(knex: Knex) {
  return {
    /**
     * Opens an episode for each condition with none open, and closes the open episodes
     * whose condition is gone, but only where `observed(entityRef, source)` says this pass
     * read that source for that entity: a source that failed closes nothing.
     */
    async reconcile(
      now: number,
      conditions: Condition[],
      observed: (entityRef: string, source: ConditionSource) => boolean,
    ): Promise<EpisodeChanges> {
      const before = (
        await knex<Row>(TABLE).whereNull('closed_at').orderBy('id')
      ).map(episodeOf);
      const current = new Map(
        conditions.map(c => [openKey(c.entityRef, c.key), c]),
      );
      const known = new Set(before.map(e => openKey(e.entityRef, e.key)));

      const opened: Episode[] = [];
      for (const [hash, condition] of current) {
        if (known.has(hash)) continue;
        await knex(TABLE)
          .insert({
            entity_ref: condition.entityRef,
            source: condition.source,
            kind: condition.kind,
            condition_key: condition.key,
            open_key: hash,
            subject: condition.subject,
            link: condition.link ?? null,
            opened_at: now,
          })
          .onConflict('open_key')
          .ignore();
        const row = await knex<Row>(TABLE).where({ open_key: hash }).first();
        // Opened by this pass, not by another replica's in between.
        if (row && millis(row.opened_at) === now) opened.push(episodeOf(row));
      }

      const closed: Episode[] = [];
      const gone = before.filter(
        e =>
          !current.has(openKey(e.entityRef, e.key)) &&
          observed(e.entityRef, e.source),
      );
      for (const episode of gone) {
        const count = await knex(TABLE)
          .where({ id: episode.id })
          .whereNull('closed_at')
          .update({ closed_at: now, open_key: null });
        if (count === 1) closed.push({ ...episode, closedAt: now });
      }

      const closedIds = new Set(closed.map(e => e.id));
      return {
        opened,
        closed,
        open: [
          ...before.filter(e => !closedIds.has(e.id) && !gone.includes(e)),
          ...opened,
        ],
      };
    },

    /**
     * Marks the episode notified, if no one did: true for the one caller that may send
     * its notification.
     */
    async claim(id: number, now: number): Promise<boolean> {
      const count = await knex(TABLE)
        .where({ id })
        .whereNull('notified_at')
        .update({ notified_at: now });
      return count === 1;
    },

    /** Gives a claim back after its notification could not be sent (the next pass retries). */
    async release(id: number): Promise<void> {
      await knex(TABLE).where({ id }).update({ notified_at: null });
    },

    /** Removes episodes closed before `before`; the table holds open ones and recent history. */
    async prune(before: number): Promise<number> {
      return knex(TABLE).where('closed_at', '<', before).delete();
    },

    async list(): Promise<Episode[]> {
      return (await knex<Row>(TABLE).orderBy('id')).map(episodeOf);
    },
  };
}

export type EpisodeStore = ReturnType<typeof createEpisodeStore>;

/** Whether an open episode's owners should be told now: once, after its condition held long enough. */
export function isDue(
  episode: Episode,
  now: number,
  holdMs: Record<ConditionKind, number>,
): boolean {
  return (
    episode.notifiedAt === undefined &&
    episode.closedAt === undefined &&
    now - episode.openedAt >= holdMs[episode.kind]
  );
}
