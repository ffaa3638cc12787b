import { OverviewCell, OverviewRow } from './types';

/** Environments in promotion order; unknown names follow, alphabetically. */
export const PROMOTION_ORDER = ['dev', 'qa', 'staging', 'prod'];

export function orderEnvironments(names: Iterable<string>): string[] {
  const rank = (name: string) => {
    const index = PROMOTION_ORDER.indexOf(name);
    return index === -1 ? PROMOTION_ORDER.length : index;
  };
  return [...new Set(names)].sort(
    (a, b) => rank(a) - rank(b) || a.localeCompare(b),
  );
}

/**
 * A cell's or row's states, worst first; `unknown`: a source failed or is stale;
 * `no-data`: no source could say anything (none configured, or none knows the entity).
 */
export const TROUBLE_STATES = [
  'firing',
  'degraded',
  'out-of-sync',
  'unknown',
  'no-data',
  'healthy',
] as const;
export type TroubleState = (typeof TROUBLE_STATES)[number];

const UNHEALTHY = new Set(['Degraded', 'Missing']);

/**
 * Every trouble a cell shows; `healthy` only when a source answered, every source that
 * could answered, and nothing is wrong.
 */
export function cellStates(cell: OverviewCell): TroubleState[] {
  const states = new Set<TroubleState>();
  if (cell.alerts.value?.firing.length) states.add('firing');
  const apps = cell.argocd.value?.applications ?? [];
  const pods = cell.kubernetes.value;
  if (
    apps.some(a => UNHEALTHY.has(a.healthStatus)) ||
    (pods && pods.ready < pods.desired)
  ) {
    states.add('degraded');
  }
  if (apps.some(a => a.syncStatus === 'OutOfSync')) states.add('out-of-sync');
  const parts = [cell.argocd, cell.kubernetes, cell.alerts];
  if (
    parts.some(
      p => p.state === 'failed' || p.state === 'stale' || p.state === 'pending',
    )
  ) {
    states.add('unknown');
  }
  if (states.size === 0)
    states.add(parts.some(p => p.state === 'ok') ? 'healthy' : 'no-data');
  return TROUBLE_STATES.filter(s => states.has(s));
}

export function rowStates(row: OverviewRow): TroubleState[] {
  const states = new Set(row.cells.flatMap(cellStates));
  if (row.unplacedAlerts.length) states.add('firing');
  if (states.size > 1) states.delete('healthy');
  return TROUBLE_STATES.filter(s => states.has(s));
}

/**
 * Sort key, larger is worse: firing alerts, then degraded, then out of sync, then
 * unknown, each counted over the row's cells.
 */
export function troubleScore(row: OverviewRow): number[] {
  const counts = [0, 0, 0, 0];
  for (const cell of row.cells) {
    const states = cellStates(cell);
    for (let i = 0; i < counts.length; i++)
      if (states.includes(TROUBLE_STATES[i])) counts[i]++;
  }
  counts[0] += row.unplacedAlerts.length;
  return counts;
}

const byScoreThenTitle = (
  a: { score: number[]; title: string },
  b: { score: number[]; title: string },
) => {
  for (let i = 0; i < a.score.length; i++) {
    if (a.score[i] !== b.score[i]) return b.score[i] - a.score[i];
  }
  return a.title.localeCompare(b.title);
};

export function compareByTrouble(a: OverviewRow, b: OverviewRow): number {
  return byScoreThenTitle(
    { score: troubleScore(a), title: a.title },
    { score: troubleScore(b), title: b.title },
  );
}

/**
 * The rows in compareByTrouble's order, in a new array; each row's score is computed once
 * (sorting thousands of rows with compareByTrouble scores each row at every comparison).
 */
export function sortByTrouble<T extends OverviewRow>(rows: T[]): T[] {
  return rows
    .map(row => ({ row, score: troubleScore(row), title: row.title }))
    .sort(byScoreThenTitle)
    .map(scored => scored.row);
}
