import {
  CloudPricing,
  firstBlock,
  hourly,
  monthly,
  num,
  Pricer,
  scaled,
  str,
  usage,
} from './components';
import { Attributes, ComponentRequest, HOURS_PER_MONTH } from './types';

/** `us-central1-a` -> `us-central1`; a region stays a region. */
export const regionOfLocation = (location: string) =>
  /-[a-z]$/.test(location) ? location.slice(0, -2) : location;

const isRegion = (location: string) => !/-[a-z]$/.test(location);

/** A regional cluster or pool runs its node count in each of the region's zones (3). */
export function zonesOf(a: Attributes): number | undefined {
  if (Array.isArray(a.node_locations) && a.node_locations.length)
    return a.node_locations.length;
  const location = str(a.location);
  if (!location) return undefined;
  return isRegion(location) ? 3 : 1;
}

function nodes(
  config: Attributes,
  perZone: number,
  zones: number,
  label: string,
): ComponentRequest[] {
  const machine = str(config.machine_type, 'e2-medium')!;
  const count = perZone * zones;
  const diskType = str(config.disk_type, 'pd-balanced')!;
  return [
    hourly(
      `${label}: instances (${machine}, on-demand)`,
      `gce:${machine}`,
      count,
    ),
    monthly(
      `${label}: boot disks (${diskType})`,
      'GB',
      `disk:${diskType}`,
      num(config.disk_size_gb, 100)! * count,
    ),
  ];
}

/** Nodes per zone when a pool or cluster names none: the GKE API's default. */
const DEFAULT_NODES_PER_ZONE = 3;

/** A node pool's nodes in each zone: fixed, initial, the autoscaler's minimum, else 3. */
export const nodesPerZone = (a: Attributes) =>
  num(a.node_count) ??
  num(a.initial_node_count) ??
  num(firstBlock(a.autoscaling).min_node_count) ??
  DEFAULT_NODES_PER_ZONE;

/** Memorystore capacity tiers by provisioned GB. */
function memorystoreTier(gb: number): string {
  if (gb <= 4) return 'M1';
  if (gb <= 10) return 'M2';
  if (gb <= 35) return 'M3';
  if (gb <= 100) return 'M4';
  return 'M5';
}

/** `db-custom-2-7680` -> 2 vCPU, 7.5 GB. */
const CUSTOM_TIER = /^db-custom-(\d+)-(\d+)$/;

/** Legacy predefined tiers, billed as their vCPUs and memory: GB per vCPU. */
const N1_TIER = /^db-n1-(standard|highmem)-(\d+)$/;
const N1_MEMORY_PER_VCPU: Record<string, number> = {
  standard: 3.75,
  highmem: 6.5,
};

/** A tier as vCPUs and MB of memory, for custom and legacy n1 tiers. */
const tierShape = (tier: string): [number, number] | undefined => {
  const custom = CUSTOM_TIER.exec(tier);
  if (custom) return [Number(custom[1]), Number(custom[2])];
  const n1 = N1_TIER.exec(tier);
  if (n1) {
    const vcpus = Number(n1[2]);
    return [vcpus, vcpus * N1_MEMORY_PER_VCPU[n1[1]] * 1024];
  }
  return undefined;
};

const pricers: Record<string, Pricer> = {
  google_container_cluster: a => {
    const components = [hourly('Cluster management fee', 'gke:cluster')];
    if (a.enable_autopilot === true) return components;
    if (a.remove_default_node_pool === true) return components;
    const zones = zonesOf(a);
    if (zones === undefined) return 'location is not known before apply';
    return [
      ...components,
      ...nodes(
        firstBlock(a.node_config),
        num(a.initial_node_count, DEFAULT_NODES_PER_ZONE)!,
        zones,
        'Default node pool',
      ),
    ];
  },
  google_container_node_pool: a => {
    const perZone = nodesPerZone(a);
    const zones = zonesOf(a);
    if (perZone === undefined) return 'node count is not known before apply';
    if (zones === undefined) return 'location is not known before apply';
    return nodes(firstBlock(a.node_config), perZone, zones, 'Node pool');
  },
  google_compute_instance: a => {
    const machine = str(a.machine_type);
    if (!machine) return 'machine_type is not known before apply';
    const boot = firstBlock(firstBlock(a.boot_disk).initialize_params);
    const diskType = str(boot.type, 'pd-standard')!;
    return [
      hourly(`Instance (${machine}, on-demand)`, `gce:${machine}`),
      monthly(
        `Boot disk (${diskType})`,
        'GB',
        `disk:${diskType}`,
        num(boot.size, 10),
      ),
    ];
  },
  google_compute_disk: a => {
    const type = str(a.type, 'pd-standard')!;
    // A blank disk without a size gets Compute Engine's default: 500 GB standard, else 100.
    const size = num(a.size, type === 'pd-standard' ? 500 : 100);
    return [monthly(`Disk (${type})`, 'GB', `disk:${type}`, size)];
  },
  google_sql_database_instance: a => {
    const settings = firstBlock(a.settings);
    const tier = str(settings.tier);
    if (!tier) return 'settings.tier is not known before apply';
    const availability =
      str(settings.availability_type, 'ZONAL') === 'REGIONAL'
        ? 'regional'
        : 'zonal';
    const diskType =
      str(settings.disk_type, 'PD_SSD') === 'PD_HDD' ? 'hdd' : 'ssd';
    const storage = monthly(
      `Storage (${diskType.toUpperCase()}, ${availability})`,
      'GB',
      `cloudsql:storage:${diskType}:${availability}`,
      num(settings.disk_size, 10),
    );
    const custom = tierShape(tier);
    if (!custom) {
      return [
        hourly(
          `Instance (${tier}, ${availability})`,
          `cloudsql:${tier}:${availability}`,
        ),
        storage,
      ];
    }
    return [
      hourly(
        `vCPUs (${custom[0]}, ${availability})`,
        `cloudsql:vcpu:${availability}`,
        custom[0],
      ),
      hourly(
        `Memory (${custom[1] / 1024} GB, ${availability})`,
        `cloudsql:ram:${availability}`,
        custom[1] / 1024,
      ),
      storage,
    ];
  },
  google_redis_instance: a => {
    const gb = num(a.memory_size_gb);
    if (gb === undefined) return 'memory_size_gb is not known before apply';
    const tier = str(a.tier, 'BASIC') === 'STANDARD_HA' ? 'standard' : 'basic';
    const capacity = memorystoreTier(gb);
    const replicas =
      tier === 'standard' ? Math.max(1, num(a.replica_count, 1)!) : 1;
    return [
      monthly(
        `Memorystore for Redis (${tier}, ${capacity})`,
        'GB-hours',
        `memorystore:${tier}:${capacity}`,
        gb * HOURS_PER_MONTH * replicas,
      ),
    ];
  },
  google_pubsub_topic: (_a, u) => [
    usage(
      'Message throughput',
      'TiB',
      'pubsub:tib',
      u.monthly_message_data_tib,
    ),
  ],
  // The free 0.5 GB is per billing account, not per repository: all of it is billed here.
  google_artifact_registry_repository: (_a, u) => [
    usage('Storage', 'GB', 'artifactregistry:storage', u.storage_gb),
  ],
  google_compute_router_nat: (_a, u) => [
    monthly(
      'NAT gateway (per VM, up to 32)',
      'VM-hours',
      'nat:vm-hour',
      scaled(
        u.assigned_vms === undefined ? undefined : Math.min(u.assigned_vms, 32),
        HOURS_PER_MONTH,
      ),
    ),
    usage('Data processed', 'GB', 'nat:gb', u.monthly_data_processed_gb),
  ],
  google_compute_forwarding_rule: (_a, u) => [
    hourly('Forwarding rule', 'lb:rule'),
    usage('Data processed', 'GB', 'lb:gb', u.monthly_data_processed_gb),
  ],
  google_compute_global_forwarding_rule: (_a, u) => [
    hourly('Forwarding rule (global)', 'lb:rule'),
    usage('Data processed', 'GB', 'lb:gb', u.monthly_data_processed_gb),
  ],
  google_storage_bucket: (a, u) => {
    const klass = str(a.storage_class, 'STANDARD')!.toLowerCase();
    return [usage(`Storage (${klass})`, 'GB', `gcs:${klass}`, u.storage_gb)];
  },
};

export const GCP: CloudPricing = {
  cloud: 'gcp',
  pricers,
  free: new Set([
    'google_project_service',
    'google_compute_network',
    'google_compute_subnetwork',
    'google_compute_router',
    'google_compute_firewall',
    'google_compute_global_address',
    'google_service_networking_connection',
    'google_service_account',
    'google_service_account_iam_member',
    'google_project_iam_member',
    'google_iam_workload_identity_pool',
    'google_iam_workload_identity_pool_provider',
    'google_sql_database',
    'google_sql_user',
    'google_pubsub_subscription',
    'google_artifact_registry_repository_iam_member',
    'google_storage_bucket_iam_member',
  ]),
  regionOf: (values, providerRegion) => {
    // Global resources (a global forwarding rule) bill at the provider's region.
    const location = str(values.region) ?? str(values.location);
    return location ? regionOfLocation(location.toLowerCase()) : providerRegion;
  },
};
