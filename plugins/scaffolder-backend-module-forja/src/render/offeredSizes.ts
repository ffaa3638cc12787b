import { Cloud } from './inputs';

/** What the environment template sizes: nodes, PostgreSQL (standard or Aurora), Redis, broker. */
export type SizedKind = 'node' | 'postgres' | 'aurora' | 'redis' | 'broker';

/**
 * The sizes the environment template offers per cloud: what its form lists and what the
 * price coverage test prices in every region the templates offer (another size still
 * renders; its estimate may then lack a price, and says so).
 */
export const OFFERED_SIZES: Record<
  Cloud,
  Partial<Record<SizedKind, readonly string[]>>
> = {
  aws: {
    node: [
      't3.medium',
      't3.large',
      't3.xlarge',
      'm5.large',
      'm5.xlarge',
      'm5.2xlarge',
      'm6i.large',
      'm6i.xlarge',
      'm6i.2xlarge',
      'm7i.large',
      'm7i.xlarge',
    ],
    postgres: [
      'db.t4g.micro',
      'db.t4g.small',
      'db.t4g.medium',
      'db.t3.medium',
      'db.m5.large',
      'db.m6g.large',
      'db.m6i.large',
      'db.r5.large',
      'db.r6g.large',
    ],
    aurora: ['db.t4g.medium', 'db.r5.large', 'db.r6g.large'],
    redis: [
      'cache.t4g.micro',
      'cache.t4g.small',
      'cache.t4g.medium',
      'cache.m5.large',
      'cache.m6g.large',
      'cache.r6g.large',
    ],
    broker: ['mq.t3.micro', 'mq.m5.large', 'mq.m7g.medium', 'mq.m7g.large'],
  },
  azure: {
    node: [
      'Standard_B2s',
      'Standard_B4ms',
      'Standard_D2s_v3',
      'Standard_D4s_v3',
      'Standard_D8s_v3',
      'Standard_D2s_v5',
      'Standard_D4s_v5',
      'Standard_D8s_v5',
      'Standard_D16s_v5',
      'Standard_D2as_v5',
      'Standard_D4as_v5',
      'Standard_E4s_v5',
      'Standard_F4s_v2',
    ],
    postgres: [
      'B_Standard_B1ms',
      'B_Standard_B2s',
      'GP_Standard_D2s_v3',
      'GP_Standard_D2ds_v4',
      'GP_Standard_D2ds_v5',
      'GP_Standard_D4ds_v5',
      'MO_Standard_E2ds_v5',
    ],
    redis: [
      'Basic_C0',
      'Basic_C1',
      'Standard_C0',
      'Standard_C1',
      'Standard_C2',
      'Standard_C3',
      'Standard_C4',
      'Premium_P1',
      'Premium_P2',
    ],
    broker: ['Basic', 'Standard', 'Premium'],
  },
  gcp: {
    node: [
      'e2-medium',
      'e2-standard-2',
      'e2-standard-4',
      'e2-standard-8',
      'e2-highmem-4',
      'n1-standard-2',
      'n1-standard-4',
      'n2-standard-2',
      'n2-standard-4',
      'n2-standard-8',
      'n2d-standard-4',
      'n2-highmem-4',
      'c2-standard-4',
    ],
    postgres: [
      'db-f1-micro',
      'db-g1-small',
      'db-custom-1-3840',
      'db-custom-2-7680',
      'db-custom-2-8192',
      'db-custom-4-15360',
    ],
    // Memorystore capacity in GiB.
    redis: ['1', '2', '5', '10', '20', '35'],
  },
};
