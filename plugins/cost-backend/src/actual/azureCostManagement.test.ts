import { FakeAzureCost, startFakeAzureCost } from '@forja/test-servers';
import { createAzureCostManagementSource } from './azureCostManagement';

const SCOPE = '/subscriptions/00000000-0000-0000-0000-0000000000aa';
const CREDENTIALS = {
  tenantId: 'contoso.onmicrosoft.com',
  clientId: 'forja-app',
  clientSecret: 'right',
};
const MONTHS = ['2026-10', '2026-11'];

describe('createAzureCostManagementSource', () => {
  let azure: FakeAzureCost;
  beforeAll(async () => {
    azure = await startFakeAzureCost({
      ...CREDENTIALS,
      scope: SCOPE,
      pageSize: 1,
      spend: [
        {
          entity: 'orders-db',
          environment: 'dev',
          month: '2026-10',
          amount: 20.5,
        },
        {
          entity: 'orders-db',
          environment: 'prod',
          month: '2026-11',
          amount: 210,
        },
        {
          entity: 'billing-db',
          environment: 'prod',
          month: '2026-11',
          amount: 999,
        },
      ],
    });
  });
  afterAll(() => azure.close());
  afterEach(() => {
    azure.fault = 'none';
  });

  const source = (clientSecret = 'right', timeoutMs = 2000) =>
    createAzureCostManagementSource({
      ...CREDENTIALS,
      clientSecret,
      scope: SCOPE,
      managementUrl: azure.url,
      loginUrl: azure.url,
      timeoutMs,
    });

  it('signs in once and reads monthly ActualCost by tag, every page, per environment', async () => {
    const azureSource = source();
    const rows = await azureSource.spend({
      entity: 'orders-db',
      months: MONTHS,
    });
    expect(rows).toEqual([
      { environment: 'dev', month: '2026-10', amount: 20.5, currency: 'USD' },
      { environment: 'prod', month: '2026-11', amount: 210, currency: 'USD' },
    ]);
    expect(azure.queries[0]).toEqual({
      type: 'ActualCost',
      timeframe: 'Custom',
      timePeriod: { from: '2026-10-01T00:00:00Z', to: '2026-12-01T00:00:00Z' },
      dataset: {
        granularity: 'Monthly',
        aggregation: { totalCost: { name: 'Cost', function: 'Sum' } },
        grouping: [{ type: 'TagKey', name: 'forja-dev-environment' }],
        filter: {
          tags: {
            name: 'forja-dev-entity',
            operator: 'In',
            values: ['orders-db'],
          },
        },
      },
    });
    const issued = azure.tokensIssued;
    await azureSource.spend({ entity: 'orders-db', months: MONTHS });
    expect(azure.tokensIssued).toBe(issued);
  });

  it('a hostile name is one tag value: it selects nothing else', async () => {
    expect(
      await source().spend({
        entity: "orders-db','billing-db",
        months: MONTHS,
      }),
    ).toEqual([]);
  });

  it('says a wrong secret is rejected, and a 500 or a stall is unavailable', async () => {
    await expect(
      source('wrong').spend({ entity: 'orders-db', months: MONTHS }),
    ).rejects.toThrow(
      'credentials rejected by Azure Cost Management (sign-in: 401)',
    );
    azure.fault = '500';
    await expect(
      source().spend({ entity: 'orders-db', months: MONTHS }),
    ).rejects.toThrow(/^Azure Cost Management answered 500 \(query\)/);
    azure.fault = 'stall';
    await expect(
      source('right', 300).spend({ entity: 'orders-db', months: MONTHS }),
    ).rejects.toThrow(
      'Azure Cost Management is unavailable: no answer within 0.3 s',
    );
  });
});
