import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { PricingCatalog } from './types';

/**
 * The pricing catalog shipped with Forja (`plugins/cost-node/prices/catalog.json`), found
 * from the sources (`src/price`) or the built bundle (`dist`).
 */
export const BUNDLED_CATALOG_PATH =
  ['../../prices/catalog.json', '../prices/catalog.json']
    .map(relative => path.resolve(__dirname, relative))
    .find(existsSync) ?? path.resolve(__dirname, '../../prices/catalog.json');

let bundled: PricingCatalog | undefined;

/** A catalog file, or the bundled one (read once per process). */
export function loadCatalog(file?: string): PricingCatalog {
  if (!file) {
    bundled ??= JSON.parse(readFileSync(BUNDLED_CATALOG_PATH, 'utf8'));
    return bundled!;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}
