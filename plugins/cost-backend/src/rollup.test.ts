import { testEstimate } from './__testUtils__/testEstimate';
import { Part } from './part';
import { costResponse, environmentCost, money, rollupResponse } from './rollup';

const ok = (
  identity: string,
  total: string,
  extra: Partial<Part> = {},
): Part => ({
  identity,
  status: 'ok',
  estimate: testEstimate(total),
  revision: `rev-${identity}`,
  computedAt: '2026-12-01T10:00:00.000Z',
  ...extra,
});
const failed = (identity: string, message: string): Part => ({
  identity,
  status: 'failed',
  message,
});

describe('money', () => {
  it('rounds to cents with two decimals', () => {
    expect(money(0)).toBe('0.00');
    expect(money(12.345)).toBe('12.35');
    expect(money(1 / 3)).toBe('0.33');
  });
});

describe('environmentCost', () => {
  it('combines the parts that succeeded and reports the others', () => {
    const cost = environmentCost('dev', [
      ok('a', '10.50', { computedAt: '2026-12-02T00:00:00.000Z' }),
      failed('b', 'no Terraform for dev'),
      ok('c', '1.25'),
      failed('d', 'cannot read url:x'),
    ]);
    expect(cost).toMatchObject({
      environment: 'dev',
      status: 'ok',
      message: 'no Terraform for dev; cannot read url:x',
      revision: 'rev-a,rev-c',
      computedAt: '2026-12-01T10:00:00.000Z',
    });
    expect(cost.estimate?.totalMonthlyCost).toBe('11.75');
  });

  it('fails when no part succeeded', () => {
    expect(
      environmentCost('prod', [failed('a', 'x'), failed('b', 'y')]),
    ).toEqual({ environment: 'prod', status: 'failed', message: 'x; y' });
    expect(environmentCost('prod', [])).toEqual({
      environment: 'prod',
      status: 'failed',
      message: undefined,
    });
  });
});

describe('costResponse', () => {
  it('totals the environments that have an estimate', () => {
    const response = costResponse(
      'component:default/ms-auth',
      [
        environmentCost('dev', [ok('a', '10.10')]),
        environmentCost('prod', [failed('b', 'x')]),
        environmentCost('qa', [ok('c', '0.005')]),
      ],
      { maxPriceAgeDays: 180 },
    );
    expect(response).toMatchObject({
      entityRef: 'component:default/ms-auth',
      currency: 'USD',
      totalMonthlyCost: '10.11',
    });
    expect(response.members).toBeUndefined();
    expect(response.environments.map(e => e.status)).toEqual([
      'ok',
      'failed',
      'ok',
    ]);
  });
});

describe('rollupResponse', () => {
  it("sums a folder's module selections, and counts them inside a member that prices the whole folder", () => {
    const folder = 'file:/repo/tf/environments/prod';
    const db = ok(`${folder}#modules=postgres`, '40.00', { within: folder });
    const rest = ok(`${folder}#modules!=postgres`, '60.00', { within: folder });
    const member = (entityRef: string, part: Part) => ({
      entityRef,
      parts: new Map([['prod', [part]]]),
    });
    const parts = [
      member('resource:default/x-prod-postgres', db),
      member('resource:default/x-prod-cluster', rest),
      // Another entity with the same selection: the same part.
      member('resource:default/x-prod-db-again', { ...db }),
    ];
    const options = { maxPriceAgeDays: 180 };
    expect(
      rollupResponse('system:default/x', parts, options).totalMonthlyCost,
    ).toBe('100.00');
    const withWhole = rollupResponse(
      'system:default/x',
      [member('system:default/x', ok(folder, '100.00')), ...parts],
      options,
    );
    expect(withWhole.totalMonthlyCost).toBe('100.00');
    expect(withWhole.members!.map(m => m.totalMonthlyCost)).toEqual([
      '100.00',
      '40.00',
      '60.00',
      '40.00',
    ]);
  });

  it('counts a folder shared by members once, while each member shows it', () => {
    const shared = ok('file:/repo/tf/environments/dev', '100.00');
    const response = rollupResponse(
      'system:default/video',
      [
        {
          entityRef: 'system:default/video',
          title: 'Video',
          parts: new Map([['dev', [shared]]]),
        },
        {
          entityRef: 'resource:default/video-eks',
          parts: new Map([
            ['dev', [shared, ok('file:/repo/k8s/overlays/dev', '20.00')]],
            ['prod', [failed('file:/repo/tf/environments/prod', 'no prod')]],
          ]),
        },
      ],
      { maxPriceAgeDays: 180 },
    );
    expect(response.totalMonthlyCost).toBe('120.00');
    expect(
      response.environments.map(e => [
        e.environment,
        e.status,
        e.estimate?.totalMonthlyCost,
      ]),
    ).toEqual([
      ['dev', 'ok', '120'],
      ['prod', 'failed', undefined],
    ]);
    expect(response.members).toEqual([
      {
        entityRef: 'system:default/video',
        title: 'Video',
        totalMonthlyCost: '100.00',
        environments: [
          {
            environment: 'dev',
            status: 'ok',
            monthlyCost: '100',
            message: undefined,
          },
        ],
      },
      {
        entityRef: 'resource:default/video-eks',
        title: undefined,
        totalMonthlyCost: '120.00',
        environments: [
          {
            environment: 'dev',
            status: 'ok',
            monthlyCost: '120',
            message: undefined,
          },
          {
            environment: 'prod',
            status: 'failed',
            monthlyCost: undefined,
            message: 'no prod',
          },
        ],
      },
    ]);
  });
});
