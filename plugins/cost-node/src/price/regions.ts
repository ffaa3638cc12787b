import { Cloud } from './types';

/**
 * The regions Forja's templates offer, per cloud: those where the catalog prices every
 * size and service the templates create (the scaffolder's price coverage test prices each
 * in every one).
 */
export const FORJA_REGIONS: Record<Cloud, readonly string[]> = {
  aws: ['us-east-1', 'sa-east-1'],
  azure: ['eastus', 'brazilsouth'],
  gcp: ['us-central1', 'southamerica-east1'],
};

/**
 * Regions the templates will offer once they are priced: their managed-service prices are
 * in no public machine-generated file. `./forja cost-prices` on a machine with internet
 * reads them with the offered ones; a region moves to FORJA_REGIONS when the price
 * coverage test passes for it.
 */
export const CANDIDATE_REGIONS: Record<Cloud, readonly string[]> = {
  aws: ['eu-west-1', 'us-east-2', 'us-west-2', 'eu-central-1'],
  azure: ['westeurope', 'eastus2', 'westus3', 'northeurope'],
  gcp: ['europe-west1', 'us-east1', 'europe-west4'],
};

/** Every region `./forja cost-prices` reads: the offered ones and the candidates. */
export const REFRESHED_REGIONS: Record<Cloud, readonly string[]> = {
  aws: [...FORJA_REGIONS.aws, ...CANDIDATE_REGIONS.aws],
  azure: [...FORJA_REGIONS.azure, ...CANDIDATE_REGIONS.azure],
  gcp: [...FORJA_REGIONS.gcp, ...CANDIDATE_REGIONS.gcp],
};
