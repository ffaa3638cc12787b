import { Cloud } from './types';

/** vCPUs and memory (GiB) of a machine. */
export interface MachineSpec {
  vcpu: number;
  memoryGiB: number;
  /** Burstable (CPU credits, shared core): only an equivalent for another burstable. */
  burstable?: boolean;
}

const spec = (vcpu: number, memoryGiB: number): MachineSpec => ({
  vcpu,
  memoryGiB,
});
const burstable = (vcpu: number, memoryGiB: number): MachineSpec => ({
  vcpu,
  memoryGiB,
  burstable: true,
});

/** Node machines per cloud, as the clouds' documentation lists them. */
export const NODE_MACHINES: Record<Cloud, Record<string, MachineSpec>> = {
  aws: {
    't3.micro': burstable(2, 1),
    't3.small': burstable(2, 2),
    't3.medium': burstable(2, 4),
    't3.large': burstable(2, 8),
    't3.xlarge': burstable(4, 16),
    'm5.large': spec(2, 8),
    'm5.xlarge': spec(4, 16),
    'm5.2xlarge': spec(8, 32),
    'm6i.large': spec(2, 8),
    'm6i.xlarge': spec(4, 16),
    'm6i.2xlarge': spec(8, 32),
    'm7i.large': spec(2, 8),
    'm7i.xlarge': spec(4, 16),
  },
  azure: {
    Standard_B2s: burstable(2, 4),
    Standard_D2s_v5: spec(2, 8),
    Standard_D4s_v5: spec(4, 16),
    Standard_D8s_v5: spec(8, 32),
    Standard_D2as_v5: spec(2, 8),
    Standard_D4as_v5: spec(4, 16),
    Standard_E2s_v5: spec(2, 16),
    Standard_E4s_v5: spec(4, 32),
  },
  gcp: {
    'e2-medium': burstable(2, 4),
    'e2-standard-2': spec(2, 8),
    'e2-standard-4': spec(4, 16),
    'e2-standard-8': spec(8, 32),
    'e2-highmem-2': spec(2, 16),
    'n2-standard-2': spec(2, 8),
    'n2-standard-4': spec(4, 16),
  },
};

/** The catalog key of a node machine's hourly price (`ec2:m6i.large`, `vm:...`, `gce:...`). */
/** The node machine that says pods run on EKS Fargate, one micro-VM each. */
export const FARGATE_MACHINE = 'fargate';

export const nodePriceKey = (cloud: Cloud, machine: string) =>
  `${{ aws: 'ec2', azure: 'vm', gcp: 'gce' }[cloud]}:${machine}`;

/** Managed PostgreSQL sizes: RDS classes and Flexible Server SKUs (Cloud SQL is custom). */
export const DATABASE_MACHINES: Record<
  'aws' | 'azure',
  Record<string, MachineSpec>
> = {
  aws: {
    'db.t4g.micro': burstable(2, 1),
    'db.t4g.small': burstable(2, 2),
    'db.t4g.medium': burstable(2, 4),
    'db.t3.medium': burstable(2, 4),
    'db.m5.large': spec(2, 8),
    'db.m6i.large': spec(2, 8),
    'db.m6g.large': spec(2, 8),
    'db.r5.large': spec(2, 16),
    'db.r6g.large': spec(2, 16),
  },
  azure: {
    B_Standard_B1ms: burstable(1, 2),
    B_Standard_B2s: burstable(2, 4),
    GP_Standard_D2s_v3: spec(2, 8),
    GP_Standard_D2ds_v4: spec(2, 8),
    GP_Standard_D2ds_v5: spec(2, 8),
    GP_Standard_D4ds_v5: spec(4, 16),
    MO_Standard_E2ds_v5: spec(2, 16),
  },
};

/** Redis memory (GB) per ElastiCache node type and Azure Cache size. */
export const CACHE_MEMORY: Record<'aws' | 'azure', Record<string, number>> = {
  aws: {
    'cache.t4g.micro': 0.5,
    'cache.t4g.small': 1.37,
    'cache.t4g.medium': 3.09,
    'cache.m5.large': 6.38,
    'cache.m6g.large': 6.38,
    'cache.r6g.large': 13.07,
  },
  azure: {
    C0: 0.25,
    C1: 1,
    C2: 2.5,
    C3: 6,
    C4: 13,
    P1: 6,
    P2: 13,
  },
};

/** Amazon MQ broker instances. */
export const BROKER_MACHINES: Record<string, MachineSpec> = {
  'mq.t3.micro': burstable(2, 1),
  'mq.m7g.medium': spec(1, 4),
  'mq.m7g.large': spec(2, 8),
  'mq.m5.large': spec(2, 8),
};

/** `db-custom-2-7680` for 2 vCPU and 7.5 GiB (Cloud SQL wants 256 MiB multiples). */
export const cloudSqlCustomTier = ({ vcpu, memoryGiB }: MachineSpec) =>
  `db-custom-${vcpu}-${Math.ceil((memoryGiB * 1024) / 256) * 256}`;

/** The same geography on each cloud. */
export const REGION_EQUIVALENTS: Array<Record<Cloud, string>> = [
  { aws: 'us-east-1', azure: 'eastus', gcp: 'us-central1' },
  { aws: 'sa-east-1', azure: 'brazilsouth', gcp: 'southamerica-east1' },
  { aws: 'eu-west-1', azure: 'westeurope', gcp: 'europe-west1' },
  { aws: 'us-west-2', azure: 'westus2', gcp: 'us-west1' },
];

/**
 * The cheapest machine that is at least as large (vCPU and memory), among those the
 * catalog prices in that region; burstable machines only stand in for burstable ones.
 */
export function smallestFitting(
  machines: Record<string, MachineSpec>,
  need: MachineSpec,
  hourlyPrice: (name: string) => number | undefined,
): string | undefined {
  return Object.entries(machines)
    .filter(
      ([, m]) =>
        m.vcpu >= need.vcpu &&
        m.memoryGiB >= need.memoryGiB &&
        (need.burstable || !m.burstable),
    )
    .map(([name]) => ({ name, usd: hourlyPrice(name) }))
    .filter((m): m is { name: string; usd: number } => m.usd !== undefined)
    .sort((a, b) => a.usd - b.usd || (a.name < b.name ? -1 : 1))[0]?.name;
}
