import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  GCP_CYCLENERD,
  GcpCyclenerdFile,
  pricesFromGcpCyclenerd,
} from './gcpCyclenerd';

// Entries cut unchanged from prices/sources/gcp-pricing.yml (two regions kept).
const fragment = parse(
  readFileSync(
    path.join(__dirname, '__fixtures__', 'gcp-pricing.fragment.yml'),
    'utf8',
  ),
) as GcpCyclenerdFile;

describe('pricesFromGcpCyclenerd', () => {
  it("prices an always-on machine at the month's price / 730, with the sustained-use discount the file's month carries", () => {
    const { prices } = pricesFromGcpCyclenerd(fragment);
    // month 154.115045 is 70% of 730 x 0.301595 = 220.16: N1's full-month sustained use.
    expect(prices.gcp!['southamerica-east1']['gce:n1-standard-4']).toEqual({
      usd: 154.115045 / 730,
      unit: 'hour',
      source: 'gcp-cyclenerd',
      ref: 'month 154.115045 / 730: sustained-use discount included (list price 0.301595 an hour)',
    });
    expect(prices.gcp!['us-central1']['gce:n1-standard-4'].usd).toBe(
      97.089489 / 730,
    );
  });

  it('prices disks, Cloud NAT, IP addresses and Cloud Storage under the engine keys', () => {
    const { prices, excluded } = pricesFromGcpCyclenerd(fragment);
    const usd = (region: string) =>
      Object.fromEntries(
        Object.entries(prices.gcp![region]).map(([k, p]) => [
          k,
          [p.usd, p.unit],
        ]),
      );
    expect(usd('southamerica-east1')).toEqual({
      'gce:n1-standard-4': [154.115045 / 730, 'hour'],
      'disk:pd-standard': [0.06, 'GB-month'],
      'disk:pd-balanced': [0.15, 'GB-month'],
      'disk:pd-ssd': [0.255, 'GB-month'],
      // The gateway's 0.0448 an hour is the 32-VM cap.
      'nat:vm-hour': [0.0014, 'VM-hour'],
      'nat:gb': [0.045, 'GB'],
      'ip:external': [0.005, 'hour'],
      'ip:external:unused': [0.015, 'hour'],
      'gcs:standard': [0.035, 'GB-month'],
      'gcs:archive': [0.003, 'GB-month'],
    });
    expect(prices.gcp!.us['gcs:standard'].usd).toBe(0.026);
    expect(prices.gcp!['us-central1']['nat:vm-hour'].ref).toBe(
      'compute.network.nat.gateway hour (0.0448, the 32-VM cap) / 32',
    );
    expect(excluded).toEqual([]);
  });

  it('carries the upstream repository, path, commit and generation date', () => {
    expect(pricesFromGcpCyclenerd(fragment).source).toMatchObject({
      kind: 'generated',
      retrievedAt: '2026-07-30',
      file: 'prices/sources/gcp-pricing.yml',
      repository: 'github.com/Cyclenerd/google-cloud-pricing-cost-calculator',
      path: 'pricing.yml',
      commit: 'fd66b26ff84fee5cdd94f341ea89206e76c06b99',
      license: 'Apache-2.0',
    });
  });

  it('refuses a file of another generation than the commit recorded', () => {
    expect(() =>
      pricesFromGcpCyclenerd(fragment, {
        ...GCP_CYCLENERD,
        generated: '2026-01-01',
      }),
    ).toThrow(/generated on 2026-07-30, not 2026-01-01/);
  });
});
