import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import {
  ActualCostSourceStatus,
  EntityActualCostResponse,
} from '@forja/plugin-cost-common';
import { screen, within } from '@testing-library/react';
import { CostApi, costApiRef } from '../api';
import { EntityActualCostCard } from './EntityActualCostCard';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'ms-auth', namespace: 'default' },
  spec: {},
};

const month = (m: string, actual: string | null) => ({
  month: m,
  actual,
  bySource: actual === null ? {} : { opencost: actual },
});

const notConfigured = (
  source: ActualCostSourceStatus['source'],
  key: string,
): ActualCostSourceStatus => ({
  source,
  status: 'not-configured',
  connect: { configKeys: [key], description: `${source} description` },
});

const response: EntityActualCostResponse = {
  entityRef: 'component:default/ms-auth',
  currency: 'USD',
  tagValue: 'ms-auth',
  driftShare: 0.2,
  drifting: true,
  environments: [
    {
      environment: 'dev',
      estimate: '50.00',
      lastMonth: month('2026-11', '45.00'),
      months: [month('2026-10', '40.00'), month('2026-11', '45.00')],
      drift: { share: 0.1, exceeded: false },
    },
    {
      environment: 'prod',
      estimate: '200.00',
      lastMonth: month('2026-11', '310.50'),
      months: [month('2026-10', '290.00'), month('2026-11', '310.50')],
      drift: { share: 0.553, exceeded: true },
    },
  ],
  sources: [
    { source: 'opencost', status: 'ok', fetchedAt: '2026-12-05T10:00:00Z' },
    {
      source: 'aws',
      status: 'credentials-rejected',
      message: 'credentials rejected by AWS Cost Explorer',
    },
    notConfigured('azure', 'cost.actual.azure.clientSecret'),
    notConfigured('gcp', 'cost.actual.gcp.privateKey'),
  ],
};

const render = (api: Partial<CostApi>) =>
  renderInTestApp(
    <EntityProvider entity={entity}>
      <EntityActualCostCard />
    </EntityProvider>,
    {
      apis: [[costApiRef, api as CostApi]],
      mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
    },
  );

describe('EntityActualCostCard', () => {
  it('shows estimate and last month per environment, the trend, the drift and a failing source', async () => {
    await render({ getEntityActualCost: async () => response });
    const table = await screen.findByRole('table', {
      name: 'estimate vs actual',
    });
    expect(within(table).getByLabelText('prod actual')).toHaveTextContent(
      '$310.50',
    );
    expect(within(table).getByLabelText('dev actual')).toHaveTextContent(
      '$45.00',
    );
    expect(within(table).getByText('drifts 55%')).toBeInTheDocument();
    expect(within(table).getByText('10%')).toBeInTheDocument();
    expect(
      screen.getByRole('img', {
        name: 'prod trend: 2026-10 $290.00, 2026-11 $310.50',
      }),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/differs from the estimate by more than 20% in prod\./),
    ).toBeInTheDocument();
    expect(
      screen.getByText(/AWS Cost Explorer: credentials rejected/),
    ).toBeInTheDocument();
    const connect = screen.getByLabelText('how to connect');
    expect(connect).toHaveTextContent('cost.actual.azure.clientSecret');
    expect(connect).toHaveTextContent('cost.actual.gcp.privateKey');
    expect(connect).not.toHaveTextContent('OpenCost');
  });

  it('with nothing configured, says how to connect each source and shows no numbers', async () => {
    await render({
      getEntityActualCost: async () => ({
        ...response,
        drifting: false,
        environments: response.environments.map(e => ({
          ...e,
          lastMonth: month('2026-11', null),
          months: [month('2026-11', null)],
          drift: undefined,
        })),
        sources: [
          notConfigured('opencost', 'cost.actual.opencost.baseUrl'),
          notConfigured('aws', 'cost.actual.aws.accessKeyId'),
          notConfigured('azure', 'cost.actual.azure.clientSecret'),
          notConfigured('gcp', 'cost.actual.gcp.privateKey'),
        ],
      }),
    });
    const connect = await screen.findByLabelText('how to connect');
    for (const name of [
      'OpenCost',
      'AWS Cost Explorer',
      'Azure Cost Management',
      'GCP billing export',
    ]) {
      expect(connect).toHaveTextContent(name);
    }
    expect(connect).toHaveTextContent('cost.actual.opencost.baseUrl');
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });

  it('shows the request error in the card only', async () => {
    await render({
      getEntityActualCost: async () => {
        throw new Error('actual cost is read for Components and Resources');
      },
    });
    expect(
      (await screen.findAllByText(/read for Components and Resources/))[0],
    ).toBeInTheDocument();
    expect(screen.queryByRole('table')).not.toBeInTheDocument();
  });
});
