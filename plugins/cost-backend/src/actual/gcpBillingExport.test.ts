import {
  FakeBigQuery,
  FakeBillingExportRow,
  startFakeBigQuery,
} from '@forja/test-servers';
import { generateKeyPairSync } from 'node:crypto';
import { createGcpBillingExportSource } from './gcpBillingExport';

const { privateKey, publicKey } = generateKeyPairSync('rsa', {
  modulusLength: 2048,
  privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  publicKeyEncoding: { type: 'spki', format: 'pem' },
});
const TABLE = 'billing-admin.billing.gcp_billing_export_v1_0000AA';
const MONTHS = ['2026-10', '2026-11'];

const row = (
  entity: string,
  environment: string,
  month: string,
  cost: number,
  credit = 0,
): FakeBillingExportRow => ({
  labels: [
    { key: 'forja-dev-entity', value: entity },
    { key: 'forja-dev-environment', value: environment },
  ],
  cost,
  credits: credit
    ? [{ name: 'Sustained usage discount', amount: -credit }]
    : [],
  currency: 'USD',
  usage_start_time: `${month}-03T00:00:00Z`,
  invoice: { month: month.replace('-', '') },
});

describe('createGcpBillingExportSource', () => {
  let bigquery: FakeBigQuery;
  beforeAll(async () => {
    bigquery = await startFakeBigQuery({
      clientEmail: 'forja@billing-admin.iam.gserviceaccount.com',
      publicKey,
      projectId: 'billing-admin',
      table: TABLE,
      rows: [
        row('cache', 'dev', '2026-10', 12, 2),
        row('cache', 'dev', '2026-10', 3),
        row('cache', 'prod', '2026-11', 80, 5),
        row('other', 'prod', '2026-11', 999),
        row('cache', 'prod', '2026-08', 999),
      ],
    });
  });
  afterAll(() => bigquery.close());
  afterEach(() => {
    bigquery.fault = 'none';
  });

  const source = (key = privateKey, timeoutMs = 2000) =>
    createGcpBillingExportSource({
      projectId: 'billing-admin',
      table: TABLE,
      clientEmail: 'forja@billing-admin.iam.gserviceaccount.com',
      privateKey: key,
      bigqueryUrl: bigquery.url,
      tokenUrl: `${bigquery.url}/token`,
      timeoutMs,
    });

  it('queries the export with parameters and sums cost and credits per environment and invoice month', async () => {
    const rows = await source().spend({ entity: 'cache', months: MONTHS });
    expect(rows.sort((a, b) => a.month.localeCompare(b.month))).toEqual([
      { environment: 'dev', month: '2026-10', amount: 13, currency: 'USD' },
      { environment: 'prod', month: '2026-11', amount: 75, currency: 'USD' },
    ]);
    const query = bigquery.queries[bigquery.queries.length - 1];
    expect(query.query).not.toContain('cache');
    expect(query.queryParameters).toContainEqual({
      name: 'entity',
      parameterType: { type: 'STRING' },
      parameterValue: { value: 'cache' },
    });
  });

  it('a hostile name stays a parameter value: no SQL text, nothing of another entity', async () => {
    const hostile = "cache' OR '1'='1";
    expect(await source().spend({ entity: hostile, months: MONTHS })).toEqual(
      [],
    );
    expect(bigquery.queries[bigquery.queries.length - 1].query).not.toContain(
      hostile,
    );
  });

  it('says a key that does not verify is rejected, and a 500 is unavailable', async () => {
    const other = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
      publicKeyEncoding: { type: 'spki', format: 'pem' },
    }).privateKey;
    await expect(
      source(other).spend({ entity: 'cache', months: MONTHS }),
    ).rejects.toThrow(
      'credentials rejected by BigQuery (GCP billing export) (sign-in: 400)',
    );
    bigquery.fault = '500';
    await expect(
      source().spend({ entity: 'cache', months: MONTHS }),
    ).rejects.toThrow(
      /^BigQuery \(GCP billing export\) answered 500 \(query\)/,
    );
  });
});
