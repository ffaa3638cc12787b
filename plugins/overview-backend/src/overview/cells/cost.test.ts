import { CostAnswer, costEnvironments, costPart } from './cost';

const REF = 'component:default/ms-auth';

const answer: CostAnswer = {
  state: 'stale',
  fetchedAt: 'read',
  value: {
    [REF]: {
      environments: {
        dev: { monthlyCost: '12.50' },
        prod: { message: 'no price for m7i.large' },
      },
    },
    'component:default/broken': { environments: {}, error: 'no rollup' },
  },
};

describe('costPart', () => {
  it("gives each environment's monthly cost, or why it has none", () => {
    const part = costPart(answer, REF);
    expect(part('dev')).toEqual({
      state: 'stale',
      fetchedAt: 'read',
      value: { monthlyCost: '12.50' },
    });
    expect(part('prod')).toEqual({
      state: 'failed',
      message: 'no price for m7i.large',
    });
    expect(part('staging')).toEqual({ state: 'none' });
  });

  it('shows a failed, pending or unanswering source in every environment', () => {
    expect(costPart({ state: 'failed', message: 'x' }, REF)('dev')).toEqual({
      state: 'failed',
      message: 'x',
    });
    expect(costPart({ state: 'pending' }, REF)('dev')).toEqual({
      state: 'pending',
    });
    expect(costPart(answer, 'component:default/broken')('dev')).toEqual({
      state: 'failed',
      message: 'no rollup',
    });
    expect(costPart(answer, 'component:default/other')('dev')).toEqual({
      state: 'none',
    });
  });
});

describe('costEnvironments', () => {
  it('lists the environments with a cost entry', () => {
    expect(costEnvironments(answer, REF)).toEqual(['dev', 'prod']);
    expect(costEnvironments({ state: 'pending' }, REF)).toEqual([]);
  });
});
