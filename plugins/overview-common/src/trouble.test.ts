import {
  cellStates,
  compareByTrouble,
  rowStates,
  sortByTrouble,
} from './trouble';
import { OverviewCell, OverviewRow } from './types';

const notConfigured = { state: 'not-configured' as const };
const cell = (over: Partial<OverviewCell> = {}): OverviewCell => ({
  environment: 'prod',
  argocd: notConfigured,
  kubernetes: notConfigured,
  alerts: notConfigured,
  cost: notConfigured,
  ...over,
});
const row = (cells: OverviewCell[]): OverviewRow => ({
  entityRef: 'component:default/ms-auth',
  title: 'ms-auth',
  environments: cells.map(c => c.environment),
  cells,
  unplacedAlerts: [],
});
/** An Argo CD part with one application in these states. */
const argocdApp = (syncStatus: string, healthStatus: string) => ({
  state: 'ok' as const,
  value: {
    applications: [{ name: 'ms-auth-prod', syncStatus, healthStatus }],
  } as any,
});
const synced = argocdApp('Synced', 'Healthy');

describe('trouble states', () => {
  it('calls nothing healthy that no source could speak for', () => {
    expect(cellStates(cell())).toEqual(['no-data']);
    // Sources that know nothing of the entity here say nothing of its health either.
    expect(
      cellStates(
        cell({ argocd: { state: 'none' }, kubernetes: { state: 'none' } }),
      ),
    ).toEqual(['no-data']);
    expect(cellStates(cell({ argocd: { state: 'forbidden' } }))).toEqual([
      'no-data',
    ]);
  });

  it('is healthy when a source answered and nothing is wrong', () => {
    expect(cellStates(cell({ argocd: synced }))).toEqual(['healthy']);
  });

  it('says no data for a row when one of its environments has none', () => {
    expect(
      rowStates(row([cell({ argocd: synced }), cell({ environment: 'dev' })])),
    ).toEqual(['no-data']);
  });

  it('sorts trouble first, each row scored once, as compareByTrouble orders them', () => {
    const titled = (title: string, cells: OverviewCell[], firing = 0) => ({
      ...row(cells),
      title,
      unplacedAlerts: Array.from({ length: firing }, () => ({} as any)),
    });
    const outOfSync = argocdApp('OutOfSync', 'Healthy');
    const degraded = argocdApp('Synced', 'Degraded');
    const rows = [
      titled('b-healthy', [cell({ argocd: synced })]),
      titled('a-healthy', [cell({ argocd: synced })]),
      titled('out-of-sync', [cell({ argocd: outOfSync })]),
      titled('degraded-twice', [
        cell({ argocd: degraded }),
        cell({ environment: 'dev', argocd: degraded }),
      ]),
      titled('degraded', [cell({ argocd: degraded })]),
      titled('firing', [cell({ argocd: synced })], 1),
    ];
    const sorted = sortByTrouble(rows).map(r => r.title);
    expect(sorted).toEqual([
      'firing',
      'degraded-twice',
      'degraded',
      'out-of-sync',
      'a-healthy',
      'b-healthy',
    ]);
    expect([...rows].sort(compareByTrouble).map(r => r.title)).toEqual(sorted);
    expect(rows[0].title).toBe('b-healthy'); // a new array; the input keeps its order
  });
});
