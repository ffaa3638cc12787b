import { memoryCache } from '@forja/test-servers';
import { mockServices } from '@backstage/backend-test-utils';
import { Entity } from '@backstage/catalog-model';
import { catalogServiceMock } from '@backstage/plugin-catalog-node/testUtils';
import { EntityCostResponse } from '@forja/plugin-cost-common';
import {
  createSwrCache,
  UpstreamCredentialsRejectedError,
  UpstreamUnavailableError,
} from '@forja/plugin-forja-node';
import { createActualCostService } from './actualCost';
import { ActualCostConfig } from './config';
import { ActualCostSource, SpendQuery, SpendRow } from './source';

const component = (
  name: string,
  extra: Partial<Entity['metadata']> = {},
): Entity => ({
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name, namespace: 'default', ...extra },
  spec: {},
});

const estimate = (totals: Record<string, string>): EntityCostResponse => ({
  entityRef: 'component:default/ms-auth',
  currency: 'USD',
  totalMonthlyCost: '0',
  environments: Object.entries(totals).map(([environment, total]) => ({
    environment,
    status: 'ok' as const,
    estimate: { totalMonthlyCost: total } as any,
  })),
});

/** A source answering rows for its entity; counts its calls. */
function source(
  id: ActualCostSource['id'],
  rows: (q: SpendQuery) => SpendRow[] | Promise<SpendRow[]>,
) {
  const calls: SpendQuery[] = [];
  return {
    calls,
    source: {
      id,
      async spend(q: SpendQuery) {
        calls.push(q);
        return rows(q);
      },
    } as ActualCostSource,
  };
}

const CONFIG: ActualCostConfig = { driftShare: 0.2, months: 3 };
const NOW = () => new Date('2026-12-05T11:00:00Z');

function service(
  sources: ActualCostSource[],
  entities: Entity[] = [component('ms-auth')],
  totals: Record<string, string> = { dev: '50.00', prod: '200.00' },
) {
  return createActualCostService({
    config: CONFIG,
    sources,
    estimates: { entityCost: async () => estimate(totals) },
    cache: createSwrCache({
      cache: memoryCache(),
      logger: mockServices.logger.mock(),
      periods: { freshMs: 1000, ttlMs: 1000 },
    }),
    catalog: catalogServiceMock({ entities }),
    auth: mockServices.auth(),
    now: NOW,
  });
}

describe('createActualCostService', () => {
  it('adds the sources per environment and month and flags drift on the last full month', async () => {
    const k8s = source('opencost', ({ entity }) =>
      entity === 'ms-auth'
        ? [
            {
              environment: 'dev',
              month: '2026-11',
              amount: 40,
              currency: 'USD',
            },
            {
              environment: 'prod',
              month: '2026-11',
              amount: 180,
              currency: 'USD',
            },
            {
              environment: 'prod',
              month: '2026-09',
              amount: 150,
              currency: 'USD',
            },
          ]
        : [],
    );
    const aws = source('aws', () => [
      { environment: 'prod', month: '2026-11', amount: 90, currency: 'USD' },
      { environment: 'qa', month: '2026-10', amount: 5, currency: 'USD' },
    ]);
    const result = await service([k8s.source, aws.source]).actualCost(
      component('ms-auth'),
    );
    expect(k8s.calls).toEqual([
      { entity: 'ms-auth', months: ['2026-09', '2026-10', '2026-11'] },
    ]);
    expect(result.environments.map(e => e.environment)).toEqual([
      'dev',
      'prod',
      'qa',
    ]);
    const [dev, prod, qa] = result.environments;
    expect(dev).toMatchObject({
      estimate: '50.00',
      lastMonth: {
        month: '2026-11',
        actual: '40.00',
        bySource: { opencost: '40.00' },
      },
      drift: { share: 0.2, exceeded: false },
    });
    expect(prod.lastMonth).toEqual({
      month: '2026-11',
      actual: '270.00',
      bySource: { opencost: '180.00', aws: '90.00' },
    });
    expect(prod.drift).toEqual({ share: 0.35, exceeded: true });
    expect(prod.months.map(m => m.actual)).toEqual([
      '150.00',
      '0.00',
      '270.00',
    ]);
    expect(qa.estimate).toBeUndefined();
    expect(qa.drift).toBeUndefined();
    expect(result.drifting).toBe(true);
    expect(result.sources.map(s => [s.source, s.status])).toEqual([
      ['opencost', 'ok'],
      ['aws', 'ok'],
      ['azure', 'not-configured'],
      ['gcp', 'not-configured'],
    ]);
  });

  it('says how to connect each source when none is configured, and claims no actual', async () => {
    const result = await service([]).actualCost(component('ms-auth'));
    expect(result.sources.every(s => s.status === 'not-configured')).toBe(true);
    expect(
      result.sources.find(s => s.source === 'aws')?.connect?.configKeys,
    ).toContain('cost.actual.aws.secretAccessKey');
    expect(result.environments[0].lastMonth.actual).toBeNull();
    expect(result.drifting).toBe(false);
  });

  it('reads each source once a day for many viewers', async () => {
    const k8s = source('opencost', () => [
      { environment: 'dev', month: '2026-11', amount: 1, currency: 'USD' },
    ]);
    const costs = service([k8s.source]);
    await Promise.all(
      Array.from({ length: 20 }, () => costs.actualCost(component('ms-auth'))),
    );
    await costs.actualCost(component('ms-auth'));
    expect(k8s.calls).toHaveLength(1);
  });

  it('degrades one source: the others still count, the failure is named and not kept', async () => {
    let down = true;
    const k8s = source('opencost', () => {
      if (down)
        throw new UpstreamUnavailableError(
          'OpenCost is unavailable: ECONNREFUSED',
        );
      return [
        { environment: 'dev', month: '2026-11', amount: 3, currency: 'USD' },
      ];
    });
    const aws = source('aws', () => {
      throw new UpstreamCredentialsRejectedError(
        'credentials rejected by AWS Cost Explorer',
      );
    });
    const costs = service([k8s.source, aws.source]);
    const first = await costs.actualCost(component('ms-auth'));
    expect(first.sources.slice(0, 2)).toEqual([
      {
        source: 'opencost',
        status: 'unavailable',
        message: 'OpenCost is unavailable: ECONNREFUSED',
      },
      {
        source: 'aws',
        status: 'credentials-rejected',
        message: 'credentials rejected by AWS Cost Explorer',
      },
    ]);
    expect(first.environments[0].lastMonth.actual).toBeNull();
    down = false;
    const second = await costs.actualCost(component('ms-auth'));
    expect(second.environments[0].lastMonth.actual).toBe('3.00');
  });

  it('refuses a source reporting in another currency rather than adding it to dollars', async () => {
    const aws = source('aws', () => [
      { environment: 'dev', month: '2026-11', amount: 3, currency: 'EUR' },
    ]);
    const result = await service([aws.source]).actualCost(component('ms-auth'));
    expect(result.sources[0]).toMatchObject({
      status: 'unavailable',
      message: 'aws reports in EUR; estimates are in USD',
    });
  });

  it('a hostile entity named like another reads nothing', async () => {
    const k8s = source('opencost', () => []);
    const victim = component('ms-auth');
    const hostile: Entity = { ...component('ms-auth'), kind: 'Resource' };
    const costs = service([k8s.source], [victim, hostile]);
    await expect(costs.actualCost(hostile)).rejects.toThrow(
      /2 entities are named "ms-auth"/,
    );
    // Another namespace, a name no tag can hold, a kind that has no resources.
    await expect(
      costs.actualCost(component('ms-auth', { namespace: 'evil' })),
    ).rejects.toThrow('default namespace');
    await expect(costs.actualCost(component('Ms.Auth'))).rejects.toThrow(
      'not one every source accepts',
    );
    await expect(
      costs.actualCost({ ...component('video-system'), kind: 'System' }),
    ).rejects.toThrow('Components and Resources');
    expect(k8s.calls).toEqual([]);
  });
});
