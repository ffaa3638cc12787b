import { FakeCostExplorer, startFakeCostExplorer } from '@forja/test-servers';
import { createAwsCostExplorerSource } from './awsCostExplorer';

const MONTHS = ['2026-09', '2026-10', '2026-11'];
const KEYS = {
  accessKeyId: 'AKIAFORJATEST',
  secretAccessKey: 'forja-test-secret',
};

describe('createAwsCostExplorerSource', () => {
  let ce: FakeCostExplorer;
  beforeAll(async () => {
    ce = await startFakeCostExplorer({
      ...KEYS,
      spend: [
        {
          entity: 'video-auth-db',
          environment: 'dev',
          month: '2026-09',
          amount: 14.5,
        },
        {
          entity: 'video-auth-db',
          environment: 'prod',
          month: '2026-11',
          amount: 120.25,
        },
        { entity: 'video-auth-db', month: '2026-11', amount: 3 },
        {
          entity: 'other-db',
          environment: 'prod',
          month: '2026-11',
          amount: 999,
        },
      ],
    });
  });
  afterAll(() => ce.close());
  afterEach(() => {
    ce.fault = 'none';
  });

  const source = (secretAccessKey = KEYS.secretAccessKey, timeoutMs = 2000) =>
    createAwsCostExplorerSource({
      ...KEYS,
      secretAccessKey,
      endpoint: ce.url,
      region: 'us-east-1',
      timeoutMs,
    });

  it('reads monthly UnblendedCost of the tagged resources, every page, grouped by environment', async () => {
    const rows = await source().spend({
      entity: 'video-auth-db',
      months: MONTHS,
    });
    expect(rows).toEqual([
      { environment: 'dev', month: '2026-09', amount: 14.5, currency: 'USD' },
      {
        environment: 'prod',
        month: '2026-11',
        amount: 120.25,
        currency: 'USD',
      },
    ]);
    // One page per month, the filter by tag value.
    expect(ce.calls).toHaveLength(3);
    expect(ce.calls[0]).toMatchObject({
      TimePeriod: { Start: '2026-09-01', End: '2026-12-01' },
      Granularity: 'MONTHLY',
      Metrics: ['UnblendedCost'],
      Filter: {
        Tags: {
          Key: 'forja.dev/entity',
          Values: ['video-auth-db'],
          MatchOptions: ['EQUALS'],
        },
      },
      GroupBy: [{ Type: 'TAG', Key: 'forja.dev/environment' }],
    });
  });

  it('sends a hostile name as one tag value: it matches no other entity', async () => {
    const rows = await source().spend({
      entity: 'video-auth-db" OR "1"="1',
      months: MONTHS,
    });
    expect(rows).toEqual([]);
  });

  it('says the credentials were rejected when the signature does not verify', async () => {
    await expect(
      source('wrong-secret').spend({ entity: 'video-auth-db', months: MONTHS }),
    ).rejects.toThrow(
      'credentials rejected by AWS Cost Explorer (InvalidSignatureException)',
    );
  });

  it('is unavailable on a 500 or a stall, within its time limit', async () => {
    ce.fault = '500';
    await expect(
      source().spend({ entity: 'video-auth-db', months: MONTHS }),
    ).rejects.toThrow(/^AWS Cost Explorer is unavailable/);
    ce.fault = 'stall';
    const started = Date.now();
    await expect(
      source(KEYS.secretAccessKey, 300).spend({
        entity: 'video-auth-db',
        months: MONTHS,
      }),
    ).rejects.toThrow(
      'AWS Cost Explorer is unavailable: no answer within 0.3 s',
    );
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
