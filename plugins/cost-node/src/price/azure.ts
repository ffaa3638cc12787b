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
import { Attributes, ComponentRequest } from './types';

/** Managed disk tiers by size (GiB): a disk is billed as the smallest tier that holds it. */
const DISK_TIER_SIZES = [4, 8, 16, 32, 64, 128, 256, 512, 1024, 2048, 4096];
const DISK_TIER_NUMBERS = [1, 2, 3, 4, 6, 10, 15, 20, 30, 40, 50];
const DISK_TIER_LETTER: Record<string, string> = {
  Premium_LRS: 'P',
  StandardSSD_LRS: 'E',
  Standard_LRS: 'S',
};

/** `Premium_LRS`, 100 GiB -> `P10`; undefined for types or sizes Forja does not price. */
export function diskTier(type: string, sizeGb: number): string | undefined {
  const letter = DISK_TIER_LETTER[type];
  const index = DISK_TIER_SIZES.findIndex(size => size >= sizeGb);
  if (!letter || index < 0) return undefined;
  // Standard HDD starts at S4 (32 GiB).
  const number =
    letter === 'S'
      ? Math.max(DISK_TIER_NUMBERS[index], 4)
      : DISK_TIER_NUMBERS[index];
  return `${letter}${number}`;
}

function managedDisk(
  name: string,
  type: string,
  sizeGb: number,
  count = 1,
): ComponentRequest | string {
  const tier = diskTier(type, sizeGb);
  if (!tier) return `disk type ${type} of ${sizeGb} GiB is not priced`;
  return monthly(`${name} (${tier}, ${type})`, 'disks', `disk:${tier}`, count);
}

/**
 * VM sizes that take premium disks: the DS, GS and M series, and sizes with an `s` among
 * the capability letters after the vCPU count (D4s_v5, E8ads_v5).
 */
export const takesPremiumDisks = (size: string) => {
  const family = size.split('_')[1] ?? '';
  return /^(ds|gs|m)/i.test(family) || /\d+[A-Za-z]*s/.test(family);
};

/** `Standard_D4s_v5` -> 4: the vCPU count Azure's size names carry. */
const vcpusOf = (size: string) =>
  Number(/^[A-Za-z]+_[A-Za-z]+(\d+)/.exec(size)?.[1] ?? 0);

/**
 * AKS's default managed OS disk grows with the node's vCPUs: 128 GiB up to 7, 256 up to
 * 15, 512 up to 63, then 1024 (https://learn.microsoft.com/azure/aks/concepts-storage).
 */
export const aksDefaultOsDiskGb = (size: string) => {
  const vcpus = vcpusOf(size);
  if (vcpus >= 64) return 1024;
  if (vcpus >= 16) return 512;
  if (vcpus >= 8) return 256;
  return 128;
};

/** An AKS pool's nodes: its count, else the autoscaler's minimum, else 1. */
export function aksNodeCount(pool: Attributes): number | undefined {
  return num(pool.node_count) ?? num(pool.min_count) ?? 1;
}

function nodePool(
  pool: Attributes,
  label: string,
): ComponentRequest[] | string {
  const size = str(pool.vm_size);
  if (!size) return `${label}: vm_size is not known before apply`;
  const count = aksNodeCount(pool);
  if (count === undefined) return `${label}: node count is not known`;
  const components: ComponentRequest[] = [
    hourly(
      `${label}: VMs (Linux, pay-as-you-go, ${size})`,
      `vm:${size}`,
      count,
    ),
  ];
  if (str(pool.os_disk_type, 'Managed') === 'Managed') {
    const disk = managedDisk(
      `${label}: OS disks`,
      takesPremiumDisks(size) ? 'Premium_LRS' : 'Standard_LRS',
      num(pool.os_disk_size_gb) ?? aksDefaultOsDiskGb(size),
      count,
    );
    if (typeof disk === 'string') return disk;
    components.push(disk);
  }
  return components;
}

/** Storage each registry tier includes. */
const ACR_INCLUDED_GB: Record<string, number> = {
  Basic: 10,
  Standard: 100,
  Premium: 500,
};

const REDIS_FAMILY: Record<string, string> = {
  Basic: 'C',
  Standard: 'C',
  Premium: 'P',
};

const pricers: Record<string, Pricer> = {
  azurerm_kubernetes_cluster: a => {
    const tier = str(a.sku_tier, 'Free')!;
    const controlPlane = hourly(
      `Control plane (${tier} tier)`,
      `aks:${tier.toLowerCase()}`,
    );
    if (a.default_node_pool === undefined) return [controlPlane];
    const pool = nodePool(firstBlock(a.default_node_pool), 'Default node pool');
    if (typeof pool === 'string') return pool;
    return [controlPlane, ...pool];
  },
  azurerm_kubernetes_cluster_node_pool: a => nodePool(a, 'Node pool'),
  azurerm_managed_disk: a => {
    const disk = managedDisk(
      'Managed disk',
      str(a.storage_account_type, 'Standard_LRS')!,
      num(a.disk_size_gb, 0)!,
    );
    return typeof disk === 'string' ? disk : [disk];
  },
  azurerm_linux_virtual_machine: a => {
    const size = str(a.size);
    if (!size) return 'size is not known before apply';
    const osDisk = firstBlock(a.os_disk);
    const disk = managedDisk(
      'OS disk',
      str(osDisk.storage_account_type, 'Premium_LRS')!,
      num(osDisk.disk_size_gb, 30)!,
    );
    if (typeof disk === 'string') return disk;
    return [hourly(`VM (Linux, pay-as-you-go, ${size})`, `vm:${size}`), disk];
  },
  azurerm_postgresql_flexible_server: a => {
    const sku = str(a.sku_name);
    if (!sku) return 'sku_name is not known before apply';
    const ha = firstBlock(a.high_availability).mode !== undefined;
    return [
      hourly(
        `Compute (${sku}${ha ? ', zone-redundant HA' : ''})`,
        `pgflex:${sku}`,
        ha ? 2 : 1,
      ),
      monthly(
        'Storage',
        'GB',
        'pgflex:storage',
        scaled(num(a.storage_mb, 32768), (ha ? 2 : 1) / 1024),
      ),
    ];
  },
  azurerm_redis_cache: a => {
    const sku = str(a.sku_name);
    const capacity = num(a.capacity);
    if (!sku || capacity === undefined)
      return 'sku_name and capacity are not known before apply';
    const family = str(a.family, REDIS_FAMILY[sku])!;
    // A Premium cache without clustering (shard_count 0 or unset) is one shard.
    const shards = sku === 'Premium' ? Math.max(1, num(a.shard_count, 1)!) : 1;
    const replicas =
      sku === 'Premium'
        ? num(a.replicas_per_primary) ?? num(a.replicas_per_master, 1)!
        : 0;
    // A Standard or Premium cache's price includes one replica; more replicas add nodes.
    const units = shards * (1 + Math.max(0, replicas - 1) / 2);
    return [
      hourly(
        `Cache (${sku} ${family}${capacity})`,
        `redis:${sku}:${family}${capacity}`,
        units,
      ),
    ];
  },
  azurerm_servicebus_namespace: (a, u) => {
    const sku = str(a.sku, 'Standard')!;
    const operations = scaled(u.monthly_operations, 1 / 1e6);
    if (sku === 'Premium') {
      return [
        hourly('Messaging units', 'servicebus:premium', num(a.capacity, 1)),
      ];
    }
    if (sku === 'Basic') {
      return [
        usage(
          'Operations',
          '1M operations',
          'servicebus:basic:ops',
          operations,
        ),
      ];
    }
    return [
      hourly('Base charge (Standard)', 'servicebus:standard'),
      usage(
        'Operations beyond the first 13M',
        '1M operations',
        'servicebus:standard:ops',
        operations === undefined ? undefined : Math.max(0, operations - 13),
      ),
    ];
  },
  azurerm_container_registry: (a, u) => {
    const sku = str(a.sku, 'Basic')!;
    return [
      // Billed per day; a month counts 30, as Azure's calculator and Infracost do.
      monthly(`Registry (${sku})`, 'days', `acr:${sku.toLowerCase()}`, 30),
      usage(
        'Storage beyond the included',
        'GB',
        'acr:storage',
        u.storage_gb === undefined
          ? undefined
          : Math.max(0, u.storage_gb - ACR_INCLUDED_GB[sku]),
      ),
    ];
  },
  azurerm_lb: (a, u) => {
    const sku = str(a.sku, 'Basic')!;
    if (sku === 'Basic') return [];
    return [
      hourly('Load balancing rules (first 5)', 'lb:standard:rules'),
      usage(
        'Data processed',
        'GB',
        'lb:standard:gb',
        u.monthly_data_processed_gb,
      ),
    ];
  },
  azurerm_public_ip: a => [
    hourly(
      `Public IP (${str(a.sku, 'Standard')}, ${str(
        a.allocation_method,
        'Static',
      )})`,
      `ip:${str(a.sku, 'Standard')!.toLowerCase()}:${str(
        a.allocation_method,
        'Static',
      )!.toLowerCase()}`,
    ),
  ],
  azurerm_nat_gateway: (_a, u) => [
    hourly('NAT gateway', 'nat:hour'),
    usage('Data processed', 'GB', 'nat:gb', u.monthly_data_processed_gb),
  ],
  azurerm_private_endpoint: () => [
    hourly('Private endpoint', 'privatelink:hour'),
  ],
  azurerm_storage_account: (_a, u) => [
    usage('Blob storage (hot, LRS)', 'GB', 'blob:hot:lrs', u.storage_gb),
  ],
};

export const AZURE: CloudPricing = {
  cloud: 'azure',
  pricers,
  free: new Set([
    'azurerm_resource_group',
    'azurerm_virtual_network',
    'azurerm_subnet',
    'azurerm_subnet_nat_gateway_association',
    'azurerm_nat_gateway_public_ip_association',
    'azurerm_network_security_group',
    'azurerm_subnet_network_security_group_association',
    'azurerm_user_assigned_identity',
    'azurerm_federated_identity_credential',
    'azurerm_role_assignment',
    'azurerm_private_dns_zone',
    'azurerm_private_dns_zone_virtual_network_link',
    'azurerm_postgresql_flexible_server_database',
    'azurerm_postgresql_flexible_server_configuration',
    'azurerm_servicebus_queue',
    'azurerm_servicebus_topic',
    'azurerm_servicebus_subscription',
    'azurerm_storage_container',
    'azurerm_storage_management_policy',
    'azurerm_monitor_diagnostic_setting',
    // Key Vault standard has no monthly fee and secrets none of their own: operations are
    // billed per 10,000, which Forja does not estimate.
    'azurerm_key_vault',
    'azurerm_key_vault_secret',
  ]),
  regionOf: values => {
    const location = str(values.location);
    return location?.toLowerCase().replace(/\s+/g, '');
  },
};
