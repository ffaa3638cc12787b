import { readFileSync, writeFileSync } from 'node:fs';
import { BUNDLED_CATALOG_PATH } from '../catalog';
import { PricingCatalog } from '../types';
import {
  catalogDifferences,
  countPrices,
  generateCatalog,
  GenerationReport,
  PRICES_DIR,
  serializeCatalog,
} from './buildCatalog';

/** Writes the catalog generated from the inputs under `prices/`. */
export function writeCatalog(
  out: string = BUNDLED_CATALOG_PATH,
  dir: string = PRICES_DIR,
): { catalog: PricingCatalog; report: GenerationReport } {
  const generated = generateCatalog(dir);
  writeFileSync(out, serializeCatalog(generated.catalog));
  return generated;
}

/**
 * How a catalog file differs from the regeneration of its inputs (empty when it is
 * current): the first differences, or that only its formatting differs.
 */
export function checkCatalog(
  file: string = BUNDLED_CATALOG_PATH,
  dir: string = PRICES_DIR,
  catalog: PricingCatalog = generateCatalog(dir).catalog,
): string[] {
  const text = readFileSync(file, 'utf8');
  if (text === serializeCatalog(catalog)) return [];
  let committed: PricingCatalog;
  try {
    committed = JSON.parse(text);
  } catch (error) {
    return [`${file} is not JSON: ${(error as Error).message}`];
  }
  const differences = catalogDifferences(committed, catalog);
  return differences.length
    ? differences
    : [`${file} holds the same prices, written differently`];
}

/** What a generation wrote: prices per cloud and source kind, what was left out. */
export function describeGeneration(
  catalog: PricingCatalog,
  report: GenerationReport,
): string[] {
  const lines = [`catalog version ${catalog.version}`];
  for (const [cloud, bySource] of Object.entries(
    countPrices(catalog, 'source'),
  )) {
    lines.push(
      `  ${cloud}: ${Object.entries(bySource)
        .map(
          ([id, n]) => `${n} ${id} (${catalog.sources?.[id]?.kind ?? 'price'})`,
        )
        .join(', ')}`,
    );
  }
  for (const [id, excluded] of Object.entries(report.excluded)) {
    const reasons = new Map<string, number>();
    for (const e of excluded)
      reasons.set(e.reason, (reasons.get(e.reason) ?? 0) + 1);
    for (const [reason, n] of reasons) {
      lines.push(`  ${id}: ${n} entries left out: ${reason}`);
    }
  }
  if (report.superseded.length) {
    lines.push(
      `  ${report.superseded.length} curated prices are now generated: remove them from prices/curated.json:`,
      ...report.superseded.map(key => `    ${key}`),
    );
  }
  return lines;
}
