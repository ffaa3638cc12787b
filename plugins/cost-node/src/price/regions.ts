import { Cloud } from './types';

/**
 * The regions Forja's templates offer, per cloud: those where the catalog prices every
 * size and service the templates create (the scaffolder's price coverage test prices each
 * in every one). Other regions lack managed-service prices no public machine-generated
 * file gives: `./forja cost-prices` reads them on a machine with internet (it reads every
 * region listed here), and a region joins this list once its coverage test passes.
 */
export const FORJA_REGIONS: Record<Cloud, readonly string[]> = {
  aws: ['us-east-1', 'sa-east-1'],
  azure: ['eastus', 'brazilsouth'],
  gcp: ['us-central1', 'southamerica-east1'],
};
