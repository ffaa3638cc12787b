import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTerraform } from '../../hcl/loadTerraform';
import { estimate } from '../estimate';
import { Price, PricingCatalog, UsageFile } from '../types';

/** Test prices from a `{ key: usd }` table, dated and sourced as fixtures. */
export const testPrices = (
  table: Record<string, number>,
): Record<string, Price> =>
  Object.fromEntries(
    Object.entries(table).map(([key, usd]) => [
      key,
      { usd, unit: 'test', source: 'test fixture', retrievedAt: '2026-11-01' },
    ]),
  );

/** Prices one `main.tf` written to a fresh directory. */
export async function priceTerraform(
  tf: string,
  catalog: PricingCatalog,
  usage: UsageFile = {},
) {
  const dir = mkdtempSync(path.join(tmpdir(), 'forja-cost-'));
  writeFileSync(path.join(dir, 'main.tf'), tf);
  const { resources, problems } = await loadTerraform(dir);
  return estimate({ project: 'test', resources, problems, catalog, usage });
}
