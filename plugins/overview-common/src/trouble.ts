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
  const counts = TROUBLE_STATES.slice(0, 4).map(
    state => row.cells.filter(cell => cellStates(cell).includes(state)).length,
  );
  counts[0] += row.unplacedAlerts.length;
  return counts;
}

export function compareByTrouble(a: OverviewRow, b: OverviewRow): number {
  const [sa, sb] = [troubleScore(a), troubleScore(b)];
  for (let i = 0; i < sa.length; i++) {
    if (sa[i] !== sb[i]) return sb[i] - sa[i];
  }
  return a.title.localeCompare(b.title);
}
