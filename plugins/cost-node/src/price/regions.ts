import { Cloud } from './types';

/**
 * The regions Forja's templates offer, per cloud: the coverage test prices every size the
 * templates offer in each, and `./forja cost-prices` reads the price lists of each.
 */
export const FORJA_REGIONS: Record<Cloud, readonly string[]> = {
  aws: [
    'us-east-1',
    'us-east-2',
    'us-west-2',
    'sa-east-1',
    'eu-west-1',
    'eu-central-1',
  ],
  azure: [
    'eastus',
    'eastus2',
    'westus3',
    'brazilsouth',
    'westeurope',
    'northeurope',
  ],
  gcp: [
    'us-central1',
    'us-east1',
    'southamerica-east1',
    'europe-west1',
    'europe-west4',
  ],
};
