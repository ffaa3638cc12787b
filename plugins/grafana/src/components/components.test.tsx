import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import { EntityProvider } from '@backstage/plugin-catalog-react';
import {
  AlertsResponse,
  DashboardsResponse,
  PanelData,
  PanelsResponse,
} from '@forja/plugin-grafana-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GrafanaApi, grafanaApiRef } from '../api';
import { chartRows, formatValue, thresholdColor, toSeries } from './format';
import { GrafanaAlertsCard } from './GrafanaAlertsCard';
import { GrafanaDashboardsCard } from './GrafanaDashboardsCard';
import { GrafanaPanelsContent } from './GrafanaPanelsContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ms-auth', namespace: 'default' },
  spec: { type: 'service', owner: 'team-video', lifecycle: 'production' },
};

const ok = { configured: true, host: 'main', status: 'ok' as const };

const panel = (overrides: Partial<PanelData>): PanelData => ({
  dashboardUid: 'ms-auth-overview',
  panelId: 2,
  title: 'Requests per second',
  kind: 'timeseries',
  grafanaType: 'timeseries',
  frames: [
    {
      refId: 'A',
      fields: [
        { name: 'Time', type: 'time', values: [1000, 2000, 3000] },
        {
          name: 'Value',
          type: 'number',
          labels: { status: '5xx' },
          values: [0.01, 0.02, 0.08],
        },
      ],
    },
  ],
  url: 'https://grafana.example.com/d/ms-auth-overview/?viewPanel=2',
  ...overrides,
});

function api(overrides: Partial<GrafanaApi>): GrafanaApi {
  return {
    getDashboards: jest.fn(),
    getAlerts: jest.fn(),
    getPanels: jest.fn(),
    ...overrides,
  } as GrafanaApi;
}

const render = (element: JSX.Element, grafana: GrafanaApi) =>
  renderInTestApp(<EntityProvider entity={entity}>{element}</EntityProvider>, {
    apis: [[grafanaApiRef, grafana]],
  });

describe('Grafana cards', () => {
  it('lists the dashboards with links and the data age', async () => {
    const response: DashboardsResponse = {
      ...ok,
      searched: 1503,
      fetchedAt: new Date(Date.now() - 120_000).toISOString(),
      dashboards: [
        {
          uid: 'a',
          title: 'ms-auth overview',
          url: 'https://grafana.example.com/d/a/ms-auth-overview',
          folderTitle: 'Video',
          tags: ['ms-auth'],
        },
      ],
    };
    await render(
      <GrafanaDashboardsCard />,
      api({ getDashboards: async () => response }),
    );
    expect(
      await screen.findByRole('link', { name: /ms-auth overview/ }),
    ).toHaveAttribute(
      'href',
      'https://grafana.example.com/d/a/ms-auth-overview',
    );
    expect(screen.getByText('Read from Grafana 2 min ago')).toBeInTheDocument();
  });

  it('shows alert state, summary and runbook, firing first as the backend sorted them', async () => {
    const response: AlertsResponse = {
      ...ok,
      alerts: [
        {
          name: 'AuthErrorsHigh',
          state: 'firing',
          severity: 'critical',
          summary: '5xx above 5%',
          runbookUrl: 'https://runbooks.example.com/errors',
          labels: {},
          firing: 1,
          url: 'https://grafana.example.com/alerting/list?search=AuthErrorsHigh',
        },
        {
          name: 'AuthLatencyHigh',
          state: 'pending',
          labels: {},
          firing: 0,
          url: 'https://grafana.example.com/alerting/list?search=AuthLatencyHigh',
        },
      ],
    };
    await render(
      <GrafanaAlertsCard />,
      api({ getAlerts: async () => response }),
    );
    const rows = (await screen.findAllByRole('row')).slice(1);
    expect(
      rows.map(r => within(r).getAllByRole('cell')[0].textContent),
    ).toEqual(['firing', 'pending']);
    expect(screen.getByText('5xx above 5%')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: /Runbook/ })).toHaveAttribute(
      'href',
      'https://runbooks.example.com/errors',
    );
  });

  it.each([
    [
      'unavailable',
      'Grafana main is unavailable: no answer within 10 s',
      /^Grafana unavailable — Grafana main is unavailable: no answer within 10 s$/,
    ],
    [
      'credentials-rejected',
      'credentials rejected by Grafana main (HTTP 401)',
      /^Grafana: credentials rejected — credentials rejected by Grafana main \(HTTP 401\)$/,
    ],
  ] as const)(
    'says %s and why in the card, next to a card that still works',
    async (status, message, shown) => {
      await render(
        <>
          <GrafanaAlertsCard />
          <p>rest of the entity page</p>
        </>,
        api({
          getAlerts: async () => ({
            configured: true,
            host: 'main',
            status,
            message,
            alerts: [],
          }),
        }),
      );
      expect(await screen.findByText(shown)).toBeInTheDocument();
      expect(screen.getByText('rest of the entity page')).toBeInTheDocument();
      expect(screen.queryByRole('table')).not.toBeInTheDocument();
    },
  );

  it('gives the setup hint when no Grafana is configured', async () => {
    await render(
      <GrafanaDashboardsCard />,
      api({
        getDashboards: async () => ({
          configured: false,
          status: 'unavailable',
          dashboards: [],
          searched: 0,
        }),
      }),
    );
    expect(await screen.findByText(/grafana\.domain/)).toBeInTheDocument();
  });
});

describe('GrafanaPanelsContent', () => {
  it('draws stat and gauge values with thresholds, links each panel, and refetches on a new range', async () => {
    const thresholds = [
      { color: 'green', value: null },
      { color: 'semi-dark-red', value: 0.05 },
    ];
    const response = (range: PanelsResponse['range']): PanelsResponse => ({
      ...ok,
      range,
      panels: [
        panel({
          panelId: 3,
          title: 'Error ratio',
          kind: 'stat',
          unit: 'percentunit',
          thresholds,
        }),
        panel({
          panelId: 5,
          title: 'CPU',
          kind: 'gauge',
          unit: 'percentunit',
          thresholds,
        }),
        panel({
          panelId: 4,
          title: 'Notes',
          kind: 'unsupported',
          grafanaType: 'text',
          frames: [],
        }),
        panel({
          panelId: 11,
          title: 'Broken',
          error: 'query A: data source not found',
        }),
      ],
    });
    const getPanels = jest.fn(async (_e, range) => response(range));
    await render(<GrafanaPanelsContent />, api({ getPanels }));
    const stat = await screen.findByLabelText('Error ratio value');
    expect(stat).toHaveTextContent('8%');
    expect(stat).toHaveStyle('color: rgb(255, 0, 0)');
    expect(screen.getByTestId('gauge-value')).toHaveAttribute('stroke', 'red');
    expect(
      screen.getByText(/Grafana draws text panels itself/),
    ).toBeInTheDocument();
    expect(
      screen.getByText('query A: data source not found'),
    ).toBeInTheDocument();
    expect(
      within(screen.getByRole('figure', { name: 'Error ratio' })).getByRole(
        'link',
        {
          name: /Open in Grafana/,
        },
      ),
    ).toHaveAttribute('href', expect.stringContaining('viewPanel=2'));
    expect(getPanels).toHaveBeenLastCalledWith(expect.anything(), '6h');
    await userEvent.click(screen.getByRole('button', { name: '24h' }));
    expect(getPanels).toHaveBeenLastCalledWith(expect.anything(), '24h');
  });
});

describe('panel data helpers', () => {
  it('turns frames into named series and chart rows', () => {
    const series = toSeries(panel({}).frames);
    expect(series).toEqual([
      {
        key: 's0',
        name: '{status="5xx"}',
        points: [
          [1000, 0.01],
          [2000, 0.02],
          [3000, 0.08],
        ],
      },
    ]);
    expect(chartRows(series)[2]).toEqual({ t: 3000, s0: 0.08 });
  });

  it('formats units and picks threshold colours', () => {
    expect(formatValue(0.0812, 'percentunit')).toBe('8.12%');
    expect(formatValue(3 * 1024 * 1024, 'bytes')).toBe('3 MiB');
    expect(formatValue(12.5, 'reqps')).toBe('12.5 req/s');
    expect(formatValue(null)).toBe('—');
    const steps = [
      { color: 'green', value: null },
      { color: 'orange', value: 10 },
      { color: 'dark-red', value: 20 },
    ];
    expect(thresholdColor(5, steps)).toBe('green');
    expect(thresholdColor(15, steps)).toBe('orange');
    expect(thresholdColor(25, steps)).toBe('red');
  });
});
