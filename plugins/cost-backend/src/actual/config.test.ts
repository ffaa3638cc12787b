import { ConfigReader } from '@backstage/config';
import { JsonObject } from '@backstage/types';
import { readActualCostConfig } from './config';

const read = (actual: JsonObject) =>
  readActualCostConfig(new ConfigReader({ cost: { actual } }));

describe('readActualCostConfig', () => {
  it('has every source off and the defaults when nothing is configured', () => {
    expect(readActualCostConfig(new ConfigReader({}))).toEqual({
      driftShare: 0.2,
      months: 6,
      opencost: undefined,
      aws: undefined,
      azure: undefined,
      gcp: undefined,
    });
  });

  it('reads each source with its time limit and default hosts', () => {
    const config = read({
      driftShare: 0.3,
      opencost: { baseUrl: 'http://opencost:9003/', timeout: '5s' },
      aws: { accessKeyId: 'AKIA', secretAccessKey: 's' },
      azure: {
        scope: '/subscriptions/00000000-0000-0000-0000-000000000001',
        tenantId: 't',
        clientId: 'c',
        clientSecret: 's',
      },
    });
    expect(config.driftShare).toBe(0.3);
    expect(config.opencost).toEqual({
      baseUrl: 'http://opencost:9003',
      token: undefined,
      timeoutMs: 5000,
    });
    expect(config.aws).toMatchObject({
      region: 'us-east-1',
      timeoutMs: 10_000,
    });
    expect(config.azure).toMatchObject({
      managementUrl: 'https://management.azure.com',
      loginUrl: 'https://login.microsoftonline.com',
    });
  });

  it('fails at start-up naming the key of a bad value', () => {
    expect(() => read({ driftShare: 0 })).toThrow('cost.actual.driftShare');
    expect(() => read({ months: 40 })).toThrow('cost.actual.months');
    expect(() =>
      read({ opencost: { baseUrl: 'http://user:pw@opencost?x=1' } }),
    ).toThrow('cost.actual.opencost.baseUrl');
    expect(() =>
      read({
        azure: {
          scope: '/providers/../x',
          tenantId: 't',
          clientId: 'c',
          clientSecret: 's',
        },
      }),
    ).toThrow('cost.actual.azure.scope');
    expect(() =>
      read({
        gcp: {
          projectId: 'p',
          table: 'p.d.t`; DROP TABLE x; --',
          clientEmail: 'e',
          privateKey: 'k',
        },
      }),
    ).toThrow('cost.actual.gcp.table');
  });
});
