import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import {
  CellPart,
  EnvironmentsResponse,
  OverviewCell,
  OverviewResponse,
  OverviewRow,
} from '@forja/plugin-overview-common';
import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { SignalApi, signalApiRef } from '@backstage/plugin-signals-react';
import { OverviewApi, overviewApiRef } from '../api';
import { EntityEnvironmentsCard } from './EntityEnvironmentsCard';
import { EntityOverviewContent } from './EntityOverviewContent';

const READ = new Date(Date.now() - 2 * 60_000).toISOString();
const ok = <T,>(value: T): CellPart<T> => ({
  state: 'ok',
  fetchedAt: READ,
  value,
});

const cell = (
  environment: string,
  overrides: Partial<OverviewCell> = {},
): OverviewCell => ({
  environment,
  argocd: ok({
    applications: [
      {
        instance: 'main',
        name: `app-${environment}`,
        syncStatus: 'Synced',
        healthStatus: 'Healthy',
        revision: 'abcdef1234567',
        url: 'https://argocd.example.com/applications/argocd/app',
      },
    ],
  }),
  kubernetes: ok({ ready: 2, desired: 2, restarts: 0, workloads: [] }),
  alerts: ok({ firing: [] }),
  cost: ok({ monthlyCost: '120.5' }),
  ...overrides,
});

const row = (name: string, cells: OverviewCell[]): OverviewRow => ({
  entityRef: `component:default/${name}`,
  title: name,
  owner: 'group:default/team-checkout',
  system: 'system:default/checkout',
  environments: cells.map(c => c.environment),
  cells,
  unplacedAlerts: [],
});

const overview: OverviewResponse = {
  scope: 'system:default/checkout',
  environments: ['dev', 'prod'],
  rows: [
    row('search', [
      cell('dev'),
      cell('prod', {
        alerts: ok({
          firing: [
            {
              name: 'SearchLatencyHigh',
              severity: 'critical',
              url: 'https://grafana.example.com/alerting/list',
              activeAt: READ,
            },
          ],
        }),
      }),
    ]),
    row('cart', [
      cell('dev', {
        kubernetes: {
          state: 'failed',
          message: 'checkout-dev: no answer within 5 s',
        },
      }),
      cell('prod', {
        argocd: {
          state: 'stale',
          fetchedAt: READ,
          value: { applications: [] },
        },
      }),
    ]),
  ],
  matching: 2,
  total: 2,
  facets: {
    owners: ['group:default/team-checkout'],
    systems: ['system:default/checkout'],
  },
  sources: [
    { source: 'argocd', state: 'ok', fetchedAt: READ },
    {
      source: 'kubernetes',
      state: 'failed',
      message: 'checkout-dev: no answer within 5 s',
    },
    { source: 'grafana', state: 'ok', fetchedAt: READ },
    { source: 'cost', state: 'ok', fetchedAt: READ },
  ],
  generatedAt: READ,
};

const system: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'checkout', namespace: 'default' },
  spec: { owner: 'team-checkout' },
};

const render = (
  element: JSX.Element,
  api: Partial<OverviewApi>,
  entity = system,
  signals: SignalApi = { subscribe: () => ({ unsubscribe() {} }) },
) =>
  renderInTestApp(<EntityProvider entity={entity}>{element}</EntityProvider>, {
    apis: [
      [overviewApiRef, api as OverviewApi],
      [signalApiRef, signals],
    ],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

describe('overview', () => {
  it('shows a row per component with each cell, its age, and the failed source', async () => {
    const getOverview = jest.fn(async () => overview);
    await render(<EntityOverviewContent />, { getOverview });
    const rows = await screen.findAllByTestId('overview-row');
    expect(rows.map(r => r.getAttribute('data-entity-ref'))).toEqual([
      'component:default/search',
      'component:default/cart',
    ]);
    expect(rows[0]).toHaveAttribute('data-states', 'firing');
    expect(within(rows[0]).getByText('SearchLatencyHigh')).toBeInTheDocument();
    expect(
      within(rows[0]).getByText(/\(critical\) since 2 min ago/),
    ).toBeInTheDocument();
    expect(within(rows[0]).getAllByText('2/2 pods ready')).toHaveLength(2);
    expect(within(rows[0]).getAllByText('$120.50/mo')).toHaveLength(2);
    expect(within(rows[0]).getAllByText('read 2 min ago')).toHaveLength(2);
    // A failed source is said as such in its cell and above the table, never healthy.
    expect(within(rows[1]).getByText('Pods: unavailable')).toBeInTheDocument();
    expect(rows[1].getAttribute('data-states')).not.toContain('healthy');
    expect(within(rows[1]).getByText('(stale)')).toBeInTheDocument();
    expect(
      screen.getByText(/Kubernetes did not answer: checkout-dev/),
    ).toBeInTheDocument();
    expect(getOverview).toHaveBeenCalledWith(
      { limit: 20 },
      { kind: 'System', namespace: 'default', name: 'checkout' },
    );
  });

  it('asks again with the filter chosen (kept in the URL)', async () => {
    const getOverview = jest.fn(async () => overview);
    await render(<EntityOverviewContent />, { getOverview });
    await screen.findAllByTestId('overview-row');
    await userEvent.click(screen.getByLabelText('State'));
    await userEvent.click(
      await screen.findByRole('option', { name: 'firing' }),
    );
    expect(getOverview).toHaveBeenLastCalledWith(
      { state: 'firing', limit: 20 },
      { kind: 'System', namespace: 'default', name: 'checkout' },
    );
  });

  it('asks again every 30 s, and within 5 s while a source is being re-read', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const stale: OverviewResponse = {
        ...overview,
        sources: [{ source: 'argocd', state: 'stale', fetchedAt: READ }],
      };
      const getOverview = jest
        .fn<Promise<OverviewResponse>, []>()
        .mockResolvedValueOnce(overview)
        .mockResolvedValueOnce(stale)
        .mockResolvedValue(overview);
      await render(<EntityOverviewContent />, { getOverview });
      await screen.findAllByTestId('overview-row');
      await act(() => jest.advanceTimersByTimeAsync(29_000));
      expect(getOverview).toHaveBeenCalledTimes(1);
      await act(() => jest.advanceTimersByTimeAsync(1_000));
      expect(getOverview).toHaveBeenCalledTimes(2);
      await act(() => jest.advanceTimersByTimeAsync(5_000));
      expect(getOverview).toHaveBeenCalledTimes(3);
      await act(() => jest.advanceTimersByTimeAsync(29_000));
      expect(getOverview).toHaveBeenCalledTimes(3);
    } finally {
      jest.useRealTimers();
    }
  });

  it('asks again within 2 s while there is no component yet (the catalog still reading on a fresh start)', async () => {
    jest.useFakeTimers({ advanceTimers: true });
    try {
      const empty: OverviewResponse = {
        ...overview,
        rows: [],
        matching: 0,
        total: 0,
        sources: overview.sources.map(s => ({ ...s, state: 'ok' })),
      };
      const getOverview = jest
        .fn<Promise<OverviewResponse>, []>()
        .mockResolvedValueOnce(empty)
        .mockResolvedValue(overview);
      await render(<EntityOverviewContent />, { getOverview });
      expect(await screen.findByText('0 of 0 components')).toBeInTheDocument();
      await act(() => jest.advanceTimersByTimeAsync(2_000));
      expect(getOverview).toHaveBeenCalledTimes(2);
      expect(await screen.findAllByTestId('overview-row')).toHaveLength(2);
      // Then every 30 s again.
      await act(() => jest.advanceTimersByTimeAsync(29_000));
      expect(getOverview).toHaveBeenCalledTimes(2);
    } finally {
      jest.useRealTimers();
    }
  });
});

describe('Environments card', () => {
  const component: Entity = {
    apiVersion: 'backstage.io/v1alpha1',
    kind: 'Component',
    metadata: { name: 'ms-auth', namespace: 'default' },
    spec: { owner: 'team-video' },
  };
  const overlay = (tag: string, env: string) =>
    ok({
      images: { 'ms-auth/app': `registry/ms-auth:${tag}` },
      replicas: { 'ms-auth': 2 },
      config: { 'ms-auth-config/ENVIRONMENT': env },
    });
  const environments: EnvironmentsResponse = {
    entityRef: 'component:default/ms-auth',
    sources: [],
    environments: [
      {
        ...cell('dev'),
        overlay: overlay('1.3.0', 'dev'),
        differences: [],
        promotable: false,
        promoteBlockedReason: 'the first environment receives new builds',
      },
      {
        ...cell('staging'),
        overlay: overlay('1.2.0', 'staging'),
        differences: [
          {
            kind: 'image',
            key: 'ms-auth/app',
            previous: 'registry/ms-auth:1.3.0',
            current: 'registry/ms-auth:1.2.0',
          },
        ],
        promotable: true,
      },
    ],
  };

  it('lines up the environments and opens the promotion pull request', async () => {
    const open = jest.spyOn(window, 'open').mockImplementation(() => null);
    const promote = jest.fn(async () => ({
      pullRequestUrl: 'https://github.com/acme/ms-auth/pull/7',
      branch: 'promote/staging-1.3.0',
      from: 'dev',
      to: 'staging',
      tag: '1.3.0',
      created: true,
    }));
    await render(
      <EntityEnvironmentsCard />,
      { getEnvironments: async () => environments, promote },
      component,
    );
    expect(await screen.findByText('1.3.0')).toBeInTheDocument();
    expect(
      screen.getByText(
        'image ms-auth/app: registry/ms-auth:1.3.0 → registry/ms-auth:1.2.0',
      ),
    ).toBeInTheDocument();
    expect(
      screen.getByText('the first environment receives new builds'),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: 'Promote dev → staging' }),
    );
    expect(promote).toHaveBeenCalledWith(
      { kind: 'Component', namespace: 'default', name: 'ms-auth' },
      'staging',
    );
    expect(open).toHaveBeenCalledWith(
      'https://github.com/acme/ms-auth/pull/7',
      '_blank',
      'noopener',
    );
    expect(
      await screen.findByText('promote/staging-1.3.0'),
    ).toBeInTheDocument();
  });

  it('reads the environments again when the backend signals a change of the entity', async () => {
    const listeners = new Map<string, (message: object) => void>();
    const signals: SignalApi = {
      subscribe: (channel, onMessage) => {
        listeners.set(channel, onMessage as (message: object) => void);
        return { unsubscribe: () => listeners.delete(channel) };
      },
    };
    const moved: EnvironmentsResponse = {
      ...environments,
      environments: [
        { ...environments.environments[0], overlay: overlay('1.4.0', 'dev') },
        environments.environments[1],
      ],
    };
    const getEnvironments = jest
      .fn()
      .mockResolvedValueOnce(environments)
      .mockResolvedValue(moved);
    await render(
      <EntityEnvironmentsCard />,
      { getEnvironments },
      component,
      signals,
    );
    expect(await screen.findByText('1.3.0')).toBeInTheDocument();
    expect(getEnvironments).toHaveBeenCalledTimes(1);
    // Another entity's channel changes nothing; its own reads the card again.
    expect([...listeners.keys()]).toEqual([
      'forja:entity:component:default/ms-auth',
    ]);
    await act(async () =>
      listeners.get('forja:entity:component:default/ms-auth')!({
        change: 'episode',
      }),
    );
    expect(await screen.findByText('1.4.0')).toBeInTheDocument();
    expect(getEnvironments).toHaveBeenCalledTimes(2);
  });
});
