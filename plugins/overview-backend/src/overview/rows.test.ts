import { Entity } from '@backstage/catalog-model';
import { OverviewCell, OverviewRow } from '@forja/plugin-overview-common';
import { overviewRow, selectRows, SourceAnswers } from './rows';

const REF = 'component:default/ms-auth';
const AUTH: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: {
    name: 'ms-auth',
    namespace: 'default',
    title: 'Auth',
    annotations: {
      'forja.dev/environments': 'prod, dev',
      'backstage.io/kubernetes-id': 'ms-auth',
    },
  },
  spec: { owner: 'team-a', system: 'shop' },
};

const answers: SourceAnswers = {
  argocd: {
    state: 'ok',
    value: {
      [REF]: {
        entityRef: REF,
        applications: {
          configured: true,
          instances: [],
          applications: [
            {
              instance: 'main',
              name: 'ms-auth-dev',
              namespace: 'argocd',
              project: 'default',
              environment: 'qa',
              syncStatus: 'OutOfSync',
              healthStatus: 'Healthy',
              outOfSyncResources: 1,
              url: 'u',
            },
          ],
        },
      },
    },
  },
  kubernetes: {
    state: 'ok',
    value: {
      clusters: [{ name: 'local', state: 'ok' }],
      workloads: [
        {
          kind: 'Deployment',
          cluster: 'local',
          namespace: 'auth',
          name: 'ms-auth',
          kubernetesId: 'ms-auth',
          environment: 'sandbox',
          desired: 1,
          ready: 1,
          restarts: 0,
          images: [],
        },
      ],
    },
  },
  alerts: {
    state: 'ok',
    value: {
      [REF]: {
        entityRef: REF,
        alerts: {
          configured: true,
          status: 'ok',
          alerts: [
            {
              name: 'Unplaced',
              state: 'firing',
              labels: {},
              firing: 1,
              url: 'g',
            },
          ],
        },
      },
    },
  },
  costs: {
    state: 'ok',
    value: { [REF]: { environments: { staging: { monthlyCost: '3' } } } },
  },
};

const everything = {
  argocd: true,
  grafana: true,
  cost: true,
  kubernetes: true,
};

describe('overviewRow', () => {
  it('has a cell for every environment declared or seen in a source, in promotion order', () => {
    const row = overviewRow(AUTH, answers, everything);
    expect(row).toMatchObject({
      entityRef: REF,
      title: 'Auth',
      owner: 'group:default/team-a',
      system: 'system:default/shop',
      environments: ['dev', 'qa', 'staging', 'prod', 'sandbox'],
    });
    expect(row.cells.map(c => c.environment)).toEqual(row.environments);
    const qa = row.cells[1];
    expect(qa.argocd.value?.applications.map(a => a.name)).toEqual([
      'ms-auth-dev',
    ]);
    expect(row.cells[2].cost.value).toEqual({ monthlyCost: '3' });
    expect(row.cells[4].kubernetes.value?.ready).toBe(1);
    expect(row.unplacedAlerts.map(a => a.name)).toEqual(['Unplaced']);
  });

  it('shows what the viewer may not read as forbidden and hides unplaced alerts', () => {
    const row = overviewRow(AUTH, answers, {
      argocd: false,
      grafana: false,
      cost: false,
      kubernetes: false,
    });
    const qa = row.cells[1];
    expect(qa.argocd).toEqual({ state: 'forbidden' });
    expect(qa.alerts).toEqual({ state: 'forbidden' });
    // Nothing there: nothing to hide.
    expect(qa.cost).toEqual({ state: 'none' });
    expect(row.cells[4].kubernetes).toEqual({ state: 'forbidden' });
    expect(row.unplacedAlerts).toEqual([]);
  });

  it('falls back to the name without a title', () => {
    const plain = {
      ...AUTH,
      metadata: { name: 'plain', namespace: 'default' },
    };
    const row = overviewRow(plain, answers, everything);
    expect(row).toMatchObject({ title: 'plain', environments: [] });
  });
});

describe('selectRows', () => {
  const cell = (
    environment: string,
    more: Partial<OverviewCell> = {},
  ): OverviewCell => ({
    environment,
    argocd: { state: 'none' },
    kubernetes: {
      state: 'ok',
      value: { ready: 1, desired: 1, restarts: 0, workloads: [] },
    },
    alerts: { state: 'none' },
    cost: { state: 'none' },
    ...more,
  });
  const row = (
    title: string,
    owner: string | undefined,
    system: string | undefined,
    cells: OverviewCell[],
  ): OverviewRow => ({
    entityRef: `component:default/${title}`,
    title,
    owner,
    system,
    environments: cells.map(c => c.environment),
    cells,
    unplacedAlerts: [],
  });
  const degraded = {
    kubernetes: {
      state: 'ok' as const,
      value: { ready: 0, desired: 1, restarts: 4, workloads: [] },
    },
  };
  const rows = [
    row('a', 'group:default/x', 'system:default/s', [cell('dev'), cell('qa')]),
    row('b', 'group:default/y', undefined, [cell('prod', degraded)]),
    row('c', undefined, 'system:default/s', [
      cell('dev', degraded),
      cell('prod'),
    ]),
  ];

  it('sorts trouble first and gives the facets of every row', () => {
    const selected = selectRows(rows, {});
    expect(selected.rows.map(r => r.title)).toEqual(['b', 'c', 'a']);
    expect(selected).toMatchObject({
      total: 3,
      matching: 3,
      environments: ['dev', 'qa', 'prod'],
      facets: {
        owners: ['group:default/x', 'group:default/y'],
        systems: ['system:default/s'],
      },
    });
    // The caller's rows keep their order.
    expect(rows.map(r => r.title)).toEqual(['a', 'b', 'c']);
  });

  it('filters by owner, system, environment and state; facets and total stay', () => {
    expect(
      selectRows(rows, { owner: 'group:default/x' }).rows.map(r => r.title),
    ).toEqual(['a']);
    expect(
      selectRows(rows, { system: 'system:default/s' }).rows.map(r => r.title),
    ).toEqual(['c', 'a']);
    const prod = selectRows(rows, { environment: 'prod' });
    expect(prod.rows.map(r => r.title)).toEqual(['b', 'c']);
    expect(prod.rows[1].cells.map(c => c.environment)).toEqual(['prod']);
    expect(prod).toMatchObject({
      environments: ['prod'],
      total: 3,
      matching: 2,
    });
    expect(prod.facets.owners).toHaveLength(2);
    expect(
      selectRows(rows, { state: 'degraded' }).rows.map(r => r.title),
    ).toEqual(['b', 'c']);
  });

  it('keeps only the first rows under a limit but counts every match', () => {
    const first = selectRows(rows, { limit: 1 });
    expect(first.rows.map(r => r.title)).toEqual(['b']);
    expect(first).toMatchObject({
      matching: 3,
      environments: ['dev', 'qa', 'prod'],
    });
  });
});
