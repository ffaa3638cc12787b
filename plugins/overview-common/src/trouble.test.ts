import { cellStates, rowStates } from './trouble';
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
const synced = {
  state: 'ok' as const,
  value: {
    applications: [
      { name: 'ms-auth-prod', syncStatus: 'Synced', healthStatus: 'Healthy' },
    ],
  } as any,
};

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
});
