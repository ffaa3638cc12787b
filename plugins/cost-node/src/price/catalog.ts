import { readFileSync } from 'node:fs';
import path from 'node:path';
import { PACKAGE_DIR } from '../paths';
import { PricingCatalog } from './types';

/** The pricing catalog shipped with Forja (`plugins/cost-node/prices/catalog.json`). */
export const BUNDLED_CATALOG_PATH = path.join(
  PACKAGE_DIR,
  'prices',
  'catalog.json',
);

let bundled: PricingCatalog | undefined;

/** A catalog file, or the bundled one (read once per process). */
export function loadCatalog(file?: string): PricingCatalog {
  if (!file) {
    bundled ??= JSON.parse(readFileSync(BUNDLED_CATALOG_PATH, 'utf8'));
    return bundled!;
  }
  return JSON.parse(readFileSync(file, 'utf8'));
}
