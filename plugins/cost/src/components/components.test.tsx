import { Entity } from '@backstage/catalog-model';
import { renderInTestApp } from '@backstage/frontend-test-utils';
import {
  entityRouteRef,
  EntityProvider,
} from '@backstage/plugin-catalog-react';
import { EntityCostResponse, Estimate } from '@forja/plugin-cost-common';
import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CostApi, costApiRef } from '../api';
import { CostRollupCard } from './CostRollupCard';
import { EntityCostCard } from './EntityCostCard';
import { EntityCostContent } from './EntityCostContent';

const entity: Entity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'System',
  metadata: { name: 'video-system', namespace: 'default' },
  spec: { owner: 'team-video' },
};

const coverage = {
  unsupportedResources: [],
  missingPrices: [],
  missingUsage: [],
  assumedUsage: [
    {
      address: 'aws_nat_gateway.nat',
      key: 'monthly_data_processed_gb',
      value: 100,
    },
  ],
  freeResources: 3,
  problems: [],
};

const estimate = (total: string, notPriced = 0): Estimate => ({
  version: '0.2',
  currency: 'USD',
  totalMonthlyCost: total,
  pricesRetrievedAt: '2026-11-24',
  priceSources: [],
  pricingCatalogVersion: 'test',
  coverage: {
    ...coverage,
    unsupportedResources: Array.from({ length: notPriced }, (_, i) => ({
      address: `aws_kinesis_stream.s${i}`,
      resourceType: 'aws_kinesis_stream',
      reason: 'Forja has no price model for this resource type',
    })),
  },
  projects: [
    {
      name: 'dev',
      breakdown: {
        totalMonthlyCost: total,
        resources: [
          {
            name: 'module.cluster.aws_eks_cluster.this',
            resourceType: 'aws_eks_cluster',
            monthlyCost: '73',
            metadata: {
              category: 'kubernetes',
              cloud: 'aws',
              region: 'us-east-1',
            },
            costComponents: [
              {
                name: 'EKS cluster',
                unit: 'hours',
                monthlyQuantity: '730',
                price: '0.1',
                monthlyCost: '73',
                usageBased: false,
              },
            ],
          },
          {
            name: 'module.postgres.aws_db_instance.this[0]',
            resourceType: 'aws_db_instance',
            monthlyCost: '53.2',
            metadata: {
              category: 'database',
              cloud: 'aws',
              region: 'us-east-1',
            },
            costComponents: [
              {
                name: 'Database instance (postgres, single-az, db.t4g.medium)',
                unit: 'hours',
                monthlyQuantity: '730',
                price: '0.065',
                monthlyCost: '47.45',
                usageBased: false,
              },
              {
                name: 'Storage (gp3, single-az)',
                unit: 'GB',
                monthlyQuantity: '50',
                price: '0.115',
                monthlyCost: '5.75',
                usageBased: false,
              },
            ],
          },
        ],
      },
      comparison: {
        from: { cloud: 'aws', region: 'us-east-1' },
        notCompared: [],
        clouds: [
          {
            cloud: 'aws',
            region: 'us-east-1',
            totalMonthlyCost: '126.2',
            coverage,
            items: [
              {
                role: 'kubernetes',
                sources: ['a'],
                equivalent: 'EKS cluster',
                monthlyCost: '73',
              },
              {
                role: 'postgres',
                sources: ['b'],
                equivalent: 'db.t4g.medium (2 vCPU, 4 GiB), 50 GB',
                monthlyCost: '53.2',
              },
            ],
          },
          {
            cloud: 'azure',
            region: 'eastus',
            totalMonthlyCost: '128.39',
            coverage,
            items: [
              {
                role: 'kubernetes',
                sources: ['a'],
                equivalent: 'AKS cluster (Standard tier)',
                monthlyCost: '73',
              },
              {
                role: 'postgres',
                sources: ['b'],
                equivalent: 'B_Standard_B2s (2 vCPU, 4 GiB), 50 GB',
                monthlyCost: '55.39',
              },
            ],
          },
          {
            cloud: 'gcp',
            region: 'us-central1',
            totalMonthlyCost: '162.24',
            coverage,
            items: [
              {
                role: 'kubernetes',
                sources: ['a'],
                equivalent: 'GKE Standard cluster',
                monthlyCost: '73',
              },
              {
                role: 'postgres',
                sources: ['b'],
                equivalent: 'Cloud SQL db-custom-2-4096, 50 GB SSD',
                monthlyCost: '89.24',
              },
            ],
          },
        ],
      },
    },
  ],
});

const response: EntityCostResponse = {
  entityRef: 'system:default/video-system',
  currency: 'USD',
  totalMonthlyCost: '252.40',
  pricesRetrievedAt: '2026-11-24',
  environments: [
    { environment: 'dev', status: 'ok', estimate: estimate('126.2', 2) },
    { environment: 'staging', status: 'ok', estimate: estimate('126.2') },
    {
      environment: 'prod',
      status: 'failed',
      message:
        'cannot read url:https://github.com/acme/infra: GitHub answered 502',
    },
  ],
  members: [
    {
      entityRef: 'resource:default/video-dev-cluster',
      totalMonthlyCost: '126.20',
      environments: [
        { environment: 'dev', status: 'ok', monthlyCost: '126.2' },
      ],
    },
    {
      entityRef: 'component:default/ms-auth',
      title: 'ms-auth',
      totalMonthlyCost: '300.00',
      environments: [
        { environment: 'dev', status: 'ok', monthlyCost: '300' },
        { environment: 'prod', status: 'failed', message: 'no overlay' },
      ],
    },
  ],
};

const render = (element: JSX.Element, api: Partial<CostApi>) =>
  renderInTestApp(<EntityProvider entity={entity}>{element}</EntityProvider>, {
    apis: [[costApiRef, api as CostApi]],
    mountedRoutes: { '/catalog/:namespace/:kind/:name': entityRouteRef },
  });

describe('cost cards', () => {
  it('shows the total, each environment, the largest components and what is left out', async () => {
    await render(<EntityCostCard />, { getEntityCost: async () => response });
    expect(await screen.findByLabelText('monthly total')).toHaveTextContent(
      '$252.40',
    );
    expect(screen.getByText('dev: $126.20')).toBeInTheDocument();
    expect(screen.getByText('prod: not estimated')).toBeInTheDocument();
    expect(screen.getByText(/GitHub answered 502/)).toBeInTheDocument();
    const top = within(
      screen.getByRole('list', { name: 'largest components' }),
    );
    expect(top.getAllByRole('listitem')[0]).toHaveTextContent('EKS cluster');
    expect(top.getAllByRole('listitem')[0]).toHaveTextContent('$73.00');
    expect(
      screen.getByText(
        /Not in the total: 1 environment not estimated, 2 resources not priced/,
      ),
    ).toBeInTheDocument();
    expect(screen.getByText(/prices of 2026-11-24/)).toBeInTheDocument();
  });

  it('says how old the prices are and where they came from, and warns when they are too old', async () => {
    const freshness = (ageDays: number) => ({
      retrievedAt: '2026-06-18',
      ageDays,
      maxAgeDays: 180,
      stale: ageDays > 180,
      sources: [
        {
          id: 'azure-karpenter',
          kind: 'generated' as const,
          retrievedAt: '2026-06-18',
          components: 4,
        },
        {
          id: 'curated',
          kind: 'curated' as const,
          retrievedAt: '2026-11-24',
          components: 9,
        },
      ],
    });
    const { unmount } = await render(<EntityCostCard />, {
      getEntityCost: async () => ({
        ...response,
        priceFreshness: freshness(169),
      }),
    });
    expect(
      await screen.findByText(
        /prices of 2026-06-18 \(169 days old\) from azure-karpenter \(generated, 2026-06-18\), curated \(curated, 2026-11-24\)/,
      ),
    ).toBeInTheDocument();
    expect(screen.queryByText(/needs a refresh/)).not.toBeInTheDocument();
    unmount();

    await render(<EntityCostCard />, {
      getEntityCost: async () => ({
        ...response,
        priceFreshness: freshness(200),
      }),
    });
    expect(
      await screen.findByText(
        /Prices are 200 days old, older than the 180 days allowed/,
      ),
    ).toBeInTheDocument();
  });

  it('degrades to an error in the card when the backend fails', async () => {
    await render(<EntityCostCard />, {
      getEntityCost: async () => {
        throw new Error('backend down');
      },
    });
    expect((await screen.findAllByText(/backend down/)).length).toBeGreaterThan(
      0,
    );
    expect(screen.queryByLabelText('monthly total')).not.toBeInTheDocument();
  });

  it('compares the clouds with the equivalents chosen, and switches environment', async () => {
    await render(<EntityCostContent />, {
      getEntityCost: async () => response,
    });
    const table = within(
      await screen.findByRole('table', { name: 'cloud comparison' }),
    );
    expect(
      table.getByText('B_Standard_B2s (2 vCPU, 4 GiB), 50 GB'),
    ).toBeInTheDocument();
    expect(table.getByLabelText('aws total')).toHaveTextContent(
      '$126.20 (lowest)',
    );
    expect(table.getByLabelText('gcp total')).toHaveTextContent('$162.24');
    expect(
      screen.getByText(/Not priced: aws_kinesis_stream.s0/),
    ).toBeInTheDocument();
    await userEvent.click(
      screen.getByRole('button', { name: /prod: not estimated/ }),
    );
    expect(await screen.findByText(/GitHub answered 502/)).toBeInTheDocument();
  });

  it("lists a system's members per environment with the distinct total", async () => {
    await render(<CostRollupCard />, { getEntityCost: async () => response });
    const table = within(
      await screen.findByRole('table', { name: 'cost by member' }),
    );
    const rows = table.getAllByRole('row');
    expect(rows[1]).toHaveTextContent('ms-auth');
    expect(rows[1]).toHaveTextContent('$300.00');
    expect(rows[1]).toHaveTextContent('not estimated');
    expect(rows[rows.length - 1]).toHaveTextContent('$252.40');
  });
});
