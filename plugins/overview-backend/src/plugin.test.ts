import {
  OverviewResponse,
  OverviewRow,
  rowStates,
} from '@forja/plugin-overview-common';
import request from 'supertest';
import {
  ENVIRONMENTS,
  startBackend,
  startUpstreams,
  Upstreams,
} from './__testUtils__/checkout';
import { overviewRow } from './overview/rows';

// Counts the rows built (the response viewers share is built once per answer).
jest.mock('./overview/rows', () => {
  const actual = jest.requireActual('./overview/rows');
  return { ...actual, overviewRow: jest.fn(actual.overviewRow) };
});

const overviewOf = async (server: any, query = '') => {
  const res = await request(server).get(
    `/api/overview/entities/system/default/checkout${query}`,
  );
  expect(res.status).toBe(200);
  return res.body as OverviewResponse;
};

const cell = (row: OverviewRow | undefined, env: string) =>
  row!.cells.find(c => c.environment === env)!;
const rowOf = (body: OverviewResponse, name: string) =>
  body.rows.find(r => r.entityRef === `component:default/${name}`);

describe('overview backend', () => {
  let upstreams: Upstreams;
  beforeEach(async () => {
    upstreams = await startUpstreams();
  });
  afterEach(async () => {
    await Promise.all(Object.values(upstreams).map(u => u.close()));
  });

  it('lines up a system: a row per component, a cell per environment, trouble first', async () => {
    const body = await overviewOf(await startBackend(upstreams));
    expect(body.environments).toEqual(ENVIRONMENTS);
    // Sources first: a failed one (with its message) explains any order below.
    expect(body.sources.map(s => [s.source, s.state, s.message])).toEqual([
      ['argocd', 'ok', undefined],
      ['kubernetes', 'ok', undefined],
      ['grafana', 'ok', undefined],
      ['cost', 'ok', undefined],
    ]);
    expect(body.rows.map(r => r.title)).toEqual([
      'search', // a firing alert
      'cart', // degraded
      'payments', // out of sync
      'ledger',
    ]);

    const search = rowOf(body, 'search');
    expect(cell(search, 'prod').alerts.value!.firing).toEqual([
      expect.objectContaining({
        name: 'SearchLatencyHigh',
        severity: 'critical',
        summary: 'p99 latency above 800 ms',
      }),
    ]);
    expect(cell(search, 'dev').alerts).toMatchObject({
      state: 'ok',
      value: { firing: [] },
    });

    const cart = rowOf(body, 'cart');
    expect(cell(cart, 'staging').argocd.value!.applications[0]).toMatchObject({
      name: 'cart-staging',
      syncStatus: 'Synced',
      healthStatus: 'Degraded',
      deployedAt: '2026-11-23T09:30:00Z',
    });
    // The Deployment (1 of 2 ready, 7 restarts) and the StatefulSet (1 of 1, 2 restarts).
    expect(cell(cart, 'staging').kubernetes.value).toMatchObject({
      ready: 2,
      desired: 3,
      restarts: 9,
    });
    expect(
      cell(cart, 'staging').kubernetes.value!.workloads.map(w => [
        w.kind,
        w.name,
        w.restarts,
      ]),
    ).toEqual([
      ['Deployment', 'cart', 7],
      ['StatefulSet', 'cart-cache', 2],
    ]);
    // Prod objects carry no environment label: the cluster's configured environment.
    expect(cell(cart, 'prod').kubernetes.value).toMatchObject({
      ready: 3,
      desired: 3,
    });

    // A DaemonSet counts the pods it schedules, one per node.
    expect(cell(rowOf(body, 'ledger'), 'prod').kubernetes.value).toMatchObject({
      ready: 6,
      desired: 6,
      restarts: 1,
    });

    expect(rowStates(rowOf(body, 'payments')!)).toEqual(['out-of-sync']);
    expect(rowStates(rowOf(body, 'ledger')!)).toEqual(['healthy']);
    // Every cell part that has data says when it was read.
    for (const row of body.rows) {
      for (const c of row.cells) {
        for (const part of [c.argocd, c.kubernetes, c.alerts]) {
          expect(part.state).toBe('ok');
          expect(Date.parse(part.fetchedAt!)).not.toBeNaN();
        }
      }
    }
  });

  it('keeps the other cells when one upstream is down and marks its own failed', async () => {
    upstreams.prod.fault = '500';
    upstreams.grafana.fault = 'reset';
    const body = await overviewOf(await startBackend(upstreams));
    const kubernetes = body.sources.find(s => s.source === 'kubernetes')!;
    expect(kubernetes.state).toBe('failed');
    expect(kubernetes.message).toMatch(/checkout-prod/);
    expect(body.sources.find(s => s.source === 'grafana')!.state).toBe(
      'failed',
    );
    expect(body.sources.find(s => s.source === 'argocd')!.state).toBe('ok');

    const cart = rowOf(body, 'cart');
    expect(cell(cart, 'prod').kubernetes).toMatchObject({
      state: 'failed',
      message: expect.stringMatching(/checkout-prod/),
    });
    expect(cell(cart, 'staging').kubernetes.value).toMatchObject({
      ready: 2,
      desired: 3,
    });
    expect(
      cell(cart, 'staging').argocd.value!.applications[0].healthStatus,
    ).toBe('Degraded');
    for (const row of body.rows)
      for (const c of row.cells) expect(c.alerts.state).toBe('failed');
    // Nothing whose alerts could not be read is shown as healthy.
    expect(rowStates(rowOf(body, 'ledger')!)).toEqual(['unknown']);
    expect(body.rows.map(r => r.title)).toEqual([
      'cart',
      'payments',
      'ledger',
      'search',
    ]);
  });

  /** A backend whose Argo CD never answers within its 60 s limit, with this first-answer budget. */
  const withArgoCdStalled = (firstAnswerSeconds: number) => {
    upstreams.argocd.fault = 'stall';
    return startBackend(upstreams, {
      config: {
        overview: {
          clusterEnvironments: { 'checkout-prod': 'prod' },
          sourceTimeout: '60s',
          firstAnswerWait: `${firstAnswerSeconds}s`,
        },
      },
    });
  };

  it('answers without a source whose first read outlasts the first-answer budget, its cells pending, never healthy', async () => {
    const server = await withArgoCdStalled(0.5);
    const started = Date.now();
    const body = await overviewOf(server);
    // Not the 60 s Argo CD may take: the budget, plus the other sources' reads.
    expect(Date.now() - started).toBeLessThan(20_000);
    expect(body.sources.map(s => [s.source, s.state])).toEqual([
      ['argocd', 'pending'],
      ['kubernetes', 'ok'],
      ['grafana', 'ok'],
      ['cost', 'ok'],
    ]);
    const ledger = rowOf(body, 'ledger')!;
    expect(cell(ledger, 'staging').argocd).toEqual({ state: 'pending' });
    expect(rowStates(ledger)).toEqual(['unknown']);
    // The rest of the row is there: Kubernetes answered.
    expect(cell(rowOf(body, 'cart'), 'staging').kubernetes.value).toMatchObject(
      {
        ready: 2,
        desired: 3,
      },
    );
  });

  it('spends the first-answer budget once per read: a viewer arriving during a slow first read is not kept waiting again', async () => {
    const server = await withArgoCdStalled(3);
    const first = await overviewOf(server);
    expect(first.sources[0]).toEqual({ source: 'argocd', state: 'pending' });
    // The read is still running and has had its budget: the next answer goes out at once.
    const started = Date.now();
    const again = await overviewOf(server);
    expect(Date.now() - started).toBeLessThan(1_500);
    expect(again.sources[0]).toEqual({ source: 'argocd', state: 'pending' });
  });

  it('says which sources have nothing configured, without calling them failed', async () => {
    const body = await overviewOf(
      await startBackend(upstreams, {
        config: {
          grafana: { hosts: [] },
          kubernetes: {
            serviceLocatorMethod: { type: 'multiTenant' },
            clusterLocatorMethods: [{ type: 'config', clusters: [] }],
          },
        },
      }),
    );
    expect(body.sources.map(s => [s.source, s.state])).toEqual([
      ['argocd', 'ok'],
      ['kubernetes', 'not-configured'],
      ['grafana', 'not-configured'],
      ['cost', 'ok'],
    ]);
    const cart = cell(rowOf(body, 'cart'), 'staging');
    expect(cart.kubernetes).toEqual({ state: 'not-configured' });
    expect(cart.alerts).toEqual({ state: 'not-configured' });
    expect(rowStates(rowOf(body, 'cart')!)).toEqual(['degraded']);
    expect(rowStates(rowOf(body, 'ledger')!)).toEqual(['healthy']);

    const withoutArgoCd = await overviewOf(
      await startBackend(upstreams, {
        config: {
          argocd: { appLocatorMethods: [{ type: 'config', instances: [] }] },
        },
      }),
    );
    expect(withoutArgoCd.sources[0]).toEqual({
      source: 'argocd',
      state: 'not-configured',
    });
    expect(cell(rowOf(withoutArgoCd, 'payments'), 'prod').argocd).toEqual({
      state: 'not-configured',
    });
  });

  it('gives a slow source its own time limit and answers with the rest', async () => {
    // Loads the code paths once so only the stalled source can miss a 2 s limit.
    await overviewOf(await startBackend(upstreams));
    upstreams.argocd.fault = 'stall';
    const server = await startBackend(upstreams, { sourceTimeoutSeconds: 2 });
    const started = Date.now();
    const body = await overviewOf(server);
    // Argo CD's own request limit is 10 s: only the 2 s source limit answers sooner.
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(body.sources.find(s => s.source === 'argocd')).toMatchObject({
      state: 'failed',
    });
    expect(
      cell(rowOf(body, 'search'), 'prod').alerts.value!.firing,
    ).toHaveLength(1);
    expect(cell(rowOf(body, 'cart'), 'staging').kubernetes.state).toBe('ok');
  });

  it('costs 50 concurrent viewers the upstream calls of one', async () => {
    const calls = () =>
      [
        upstreams.argocd,
        upstreams.grafana,
        upstreams.nonprod,
        upstreams.prod,
      ].map(u => u.requests.length);
    const one = await startBackend(upstreams);
    await overviewOf(one);
    const forOne = calls();
    expect(forOne.every(n => n > 0)).toBe(true);

    const fifty = await startBackend(upstreams);
    (overviewRow as jest.Mock).mockClear();
    const views = await Promise.all(
      Array.from({ length: 50 }, () => overviewOf(fifty)),
    );
    expect(calls().map((n, i) => n - forOne[i])).toEqual(forOne);
    // One response built for the fifty (same decisions, same answers), not one each.
    expect(new Set(views.map(v => v.generatedAt)).size).toBe(1);
    expect((overviewRow as jest.Mock).mock.calls).toHaveLength(
      views[0].rows.length,
    );
  });

  it('filters by environment and state, as the URL names them', async () => {
    const server = await startBackend(upstreams);
    const firing = await overviewOf(server, '?environment=prod&state=firing');
    expect(firing.rows.map(r => r.title)).toEqual(['search']);
    expect(firing.rows[0].cells.map(c => c.environment)).toEqual(['prod']);
    const first = await overviewOf(server, '?limit=2');
    expect(first.rows.map(r => r.title)).toEqual(['search', 'cart']);
    expect([first.matching, first.total]).toEqual([4, 4]);
    expect(first.environments).toEqual(ENVIRONMENTS);
    const owned = await overviewOf(
      server,
      '?owner=group:default/team-checkout',
    );
    expect(owned.rows).toHaveLength(4);
    const none = await overviewOf(server, '?owner=group:default/someone-else');
    expect(none.rows).toHaveLength(0);
    expect(none.facets.owners).toEqual(['group:default/team-checkout']);

    const bad = await request(server).get(
      '/api/overview/entities/system/default/checkout?state=on-fire',
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toMatch(/^state: /);
  });

  it('shows what a viewer may not read as forbidden, never as healthy', async () => {
    const body = await overviewOf(
      await startBackend(upstreams, { deny: ['argocd.application.read'] }),
    );
    const payments = rowOf(body, 'payments');
    expect(cell(payments, 'staging').argocd).toEqual({ state: 'forbidden' });
    expect(cell(payments, 'staging').kubernetes.state).toBe('ok');

    // The Kubernetes backend's own permission, as its resource routes ask it.
    const noPods = await overviewOf(
      await startBackend(upstreams, { deny: ['kubernetes.resources.read'] }),
    );
    const cart = cell(rowOf(noPods, 'cart'), 'staging');
    expect(cart.kubernetes).toEqual({ state: 'forbidden' });
    expect(cart.argocd.state).toBe('ok');
  });

  it('asks per entity only for permissions the policy decides with conditions', async () => {
    const body = await overviewOf(
      await startBackend(upstreams, {
        conditional: {
          'argocd.application.read': ['component:default/payments'],
        },
      }),
    );
    expect(cell(rowOf(body, 'payments'), 'prod').argocd).toEqual({
      state: 'forbidden',
    });
    expect(cell(rowOf(body, 'cart'), 'prod').argocd.state).toBe('ok');
  });

  it('answers the portal-wide overview and the group, with the groups under it', async () => {
    const server = await startBackend(upstreams, {
      entities: [
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Group',
          metadata: { name: 'commerce', namespace: 'default' },
          spec: { type: 'department', children: ['team-checkout'] },
          relations: [
            { type: 'parentOf', targetRef: 'group:default/team-checkout' },
          ],
        },
        {
          apiVersion: 'backstage.io/v1alpha1',
          kind: 'Component',
          metadata: { name: 'storefront', namespace: 'default' },
          spec: { type: 'website', owner: 'commerce', lifecycle: 'production' },
          relations: [{ type: 'ownedBy', targetRef: 'group:default/commerce' }],
        },
      ],
    });
    const portal = await request(server).get('/api/overview/portal');
    expect(portal.status).toBe(200);
    expect(portal.body.rows).toHaveLength(5);
    const group = await request(server).get(
      '/api/overview/entities/group/default/team-checkout',
    );
    expect(group.body.rows.map((r: OverviewRow) => r.title)).toEqual([
      'search',
      'cart',
      'payments',
      'ledger',
    ]);
    const department = await request(server).get(
      '/api/overview/entities/group/default/commerce',
    );
    expect(department.body.rows).toHaveLength(5);
    expect(department.body.facets.owners).toEqual([
      'group:default/commerce',
      'group:default/team-checkout',
    ]);
    const oneTeam = await request(server).get(
      '/api/overview/entities/group/default/commerce?owner=group:default/team-checkout',
    );
    expect(oneTeam.body.rows).toHaveLength(4);
    const component = await request(server).get(
      '/api/overview/entities/component/default/cart',
    );
    expect(component.status).toBe(400);
  });
});
