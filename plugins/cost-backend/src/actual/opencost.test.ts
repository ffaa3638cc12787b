import { FakeOpenCost, startFakeOpenCost } from '@forja/test-servers';
import { createOpenCostSource, promLabelName } from './opencost';

const MONTHS = ['2026-10', '2026-11'];

describe('createOpenCostSource', () => {
  let opencost: FakeOpenCost;
  beforeAll(async () => {
    opencost = await startFakeOpenCost({
      token: 'oc-token',
      spend: [
        { entity: 'ms-auth', environment: 'dev', month: '2026-10', amount: 31 },
        { entity: 'ms-auth', environment: 'dev', month: '2026-11', amount: 60 },
        {
          entity: 'ms-auth',
          environment: 'prod',
          month: '2026-11',
          amount: 300,
        },
        // Another entity, and the entity's workloads without an environment label.
        {
          entity: 'ms-auth-admin',
          environment: 'dev',
          month: '2026-11',
          amount: 999,
        },
        { entity: 'ms-auth', month: '2026-11', amount: 7 },
        // Outside the months asked.
        {
          entity: 'ms-auth',
          environment: 'dev',
          month: '2026-09',
          amount: 1000,
        },
      ],
    });
  });
  afterAll(() => opencost.close());
  afterEach(() => {
    opencost.fault = 'none';
  });

  const source = (token = 'oc-token', timeoutMs = 2000) =>
    createOpenCostSource({ baseUrl: opencost.url, token, timeoutMs });

  it('sums the daily allocations of the entity per environment and month', async () => {
    const rows = await source().spend({ entity: 'ms-auth', months: MONTHS });
    const sorted = rows
      .map(r => ({ ...r, amount: Math.round(r.amount * 100) / 100 }))
      .sort((a, b) =>
        `${a.environment}${a.month}`.localeCompare(
          `${b.environment}${b.month}`,
        ),
      );
    expect(sorted).toEqual([
      { environment: 'dev', month: '2026-10', amount: 31, currency: 'USD' },
      { environment: 'dev', month: '2026-11', amount: 60, currency: 'USD' },
      { environment: 'prod', month: '2026-11', amount: 300, currency: 'USD' },
    ]);
    const request = opencost.requests[opencost.requests.length - 1];
    const params = new URL(request.split(' ')[1], 'http://x').searchParams;
    expect(params.get('window')).toBe(
      '2026-10-01T00:00:00Z,2026-12-01T00:00:00Z',
    );
    expect(params.get('aggregate')).toBe(
      'label:forja_dev_entity,label:forja_dev_environment',
    );
    expect(params.get('step')).toBe('1d');
  });

  it('never puts the name into the query: a hostile name selects nothing of another entity', async () => {
    for (const entity of [
      'ms-auth-admin/dev',
      'ms-auth"+namespace:"x',
      '*',
      '',
    ]) {
      const rows = await source().spend({ entity, months: MONTHS });
      expect(rows).toEqual([]);
    }
    expect(opencost.requests.every(r => !r.includes('namespace%3A'))).toBe(
      true,
    );
  });

  it('names OpenCost when it refuses the token, fails or stalls', async () => {
    await expect(
      source('wrong').spend({ entity: 'ms-auth', months: MONTHS }),
    ).rejects.toThrow('credentials rejected by OpenCost (401)');
    opencost.fault = '500';
    await expect(
      source().spend({ entity: 'ms-auth', months: MONTHS }),
    ).rejects.toThrow(/OpenCost answered 500/);
    opencost.fault = 'malformed';
    await expect(
      source().spend({ entity: 'ms-auth', months: MONTHS }),
    ).rejects.toThrow('OpenCost returned malformed JSON');
    opencost.fault = 'stall';
    await expect(
      source('oc-token', 200).spend({ entity: 'ms-auth', months: MONTHS }),
    ).rejects.toThrow('OpenCost is unavailable: no answer within 0.2 s');
  });

  it('aggregates by the Prometheus form of the Kubernetes label', () => {
    expect(promLabelName('forja.dev/entity')).toBe('forja_dev_entity');
  });
});
