import { Value } from '../hcl/expression';
import { ResourceInstance } from '../hcl/loadTerraform';
import { firstBlock, num, str } from './components';
import { cloudOf, estimate } from './estimate';
import {
  BROKER_MACHINES,
  CACHE_MEMORY,
  cloudSqlCustomTier,
  DATABASE_MACHINES,
  MachineSpec,
  NODE_MACHINES,
  REGION_EQUIVALENTS,
  nodePriceKey,
  smallestFitting,
  FARGATE_MACHINE,
} from './specs';
import { Cloud, PricingCatalog, UsageFile } from './types';
import { nodesPerZone, zonesOf } from './gcp';
import { eksNodeGroup } from './aws';
import { aksNodeCount } from './azure';
import type {
  CloudColumn,
  Comparison,
  ComparisonItem,
  NodePool,
} from '@forja/plugin-cost-common';

export type { CloudColumn, Comparison, ComparisonItem, NodePool };

/** What an architecture needs, independent of the cloud that provides it. */
export type Role =
  | { kind: 'kubernetes'; source: string }
  | {
      kind: 'nodes';
      source: string;
      machine: MachineSpec;
      count: number;
      declared: string;
    }
  | {
      kind: 'postgres';
      source: string;
      machine: MachineSpec;
      declared?: string;
      storageGb: number;
      highAvailability: boolean;
    }
  | {
      kind: 'redis';
      source: string;
      memoryGb: number;
      highAvailability: boolean;
    }
  | {
      kind: 'broker' | 'queue' | 'nat' | 'load-balancer' | 'registry';
      source: string;
    };

export type RoleKind = Role['kind'];

const CLOUDS: Cloud[] = ['aws', 'azure', 'gcp'];

const label = (m: MachineSpec) => `${m.vcpu} vCPU, ${m.memoryGiB} GiB`;

/** A node pool of a declared machine, if Forja knows the machine and the count. */
function nodesRole(
  source: string,
  cloud: Cloud,
  declared: string | undefined,
  count: number | undefined,
): Role[] | undefined {
  const machine = NODE_MACHINES[cloud][declared ?? ''];
  return machine && count !== undefined
    ? [{ kind: 'nodes', source, machine, count, declared: declared! }]
    : undefined;
}

/** A managed PostgreSQL of a declared size, if Forja knows the size. */
function postgresRole(
  source: string,
  machines: Record<string, MachineSpec>,
  declared: string | undefined,
  storageGb: number,
  highAvailability: boolean,
): Role[] | undefined {
  const machine = machines[declared ?? ''];
  return machine
    ? [
        {
          kind: 'postgres',
          source,
          machine,
          declared,
          storageGb,
          highAvailability,
        },
      ]
    : undefined;
}

/** The roles the resources play, or undefined for resources outside the comparison. */
function roleOf(r: ResourceInstance): Role[] | undefined {
  const v = r.values;
  const source = r.address;
  switch (r.type) {
    case 'aws_eks_cluster':
    case 'google_container_cluster':
      return [{ kind: 'kubernetes', source }];
    case 'azurerm_kubernetes_cluster': {
      const pool = firstBlock(v.default_node_pool);
      return [
        { kind: 'kubernetes', source },
        ...(nodesRole(source, 'azure', str(pool.vm_size), aksNodeCount(pool)) ??
          []),
      ];
    }
    case 'aws_eks_node_group': {
      const { machine, count } = eksNodeGroup(v);
      return nodesRole(source, 'aws', machine, count);
    }
    case 'azurerm_kubernetes_cluster_node_pool':
      return nodesRole(source, 'azure', str(v.vm_size), aksNodeCount(v));
    case 'google_container_node_pool': {
      const perZone = nodesPerZone(v);
      return nodesRole(
        source,
        'gcp',
        str(firstBlock(v.node_config).machine_type, 'e2-medium'),
        perZone === undefined ? undefined : perZone * (zonesOf(v) ?? 1),
      );
    }
    case 'aws_db_instance':
    case 'aws_rds_cluster_instance':
      return postgresRole(
        source,
        DATABASE_MACHINES.aws,
        str(v.instance_class),
        num(v.allocated_storage, 20)!,
        v.multi_az === true,
      );
    case 'azurerm_postgresql_flexible_server':
      return postgresRole(
        source,
        DATABASE_MACHINES.azure,
        str(v.sku_name),
        num(v.storage_mb, 32768)! / 1024,
        firstBlock(v.high_availability).mode !== undefined,
      );
    case 'google_sql_database_instance': {
      const settings = firstBlock(v.settings);
      const custom = /^db-custom-(\d+)-(\d+)$/.exec(str(settings.tier) ?? '');
      return custom
        ? [
            {
              kind: 'postgres',
              source,
              machine: {
                vcpu: Number(custom[1]),
                memoryGiB: Number(custom[2]) / 1024,
              },
              storageGb: num(settings.disk_size, 10)!,
              highAvailability: settings.availability_type === 'REGIONAL',
            },
          ]
        : undefined;
    }
    case 'aws_elasticache_replication_group':
    case 'aws_elasticache_cluster': {
      const memoryGb = CACHE_MEMORY.aws[str(v.node_type) ?? ''];
      const nodes = num(v.num_cache_clusters) ?? num(v.num_cache_nodes, 1)!;
      return memoryGb
        ? [{ kind: 'redis', source, memoryGb, highAvailability: nodes > 1 }]
        : undefined;
    }
    case 'azurerm_redis_cache': {
      const memoryGb = CACHE_MEMORY.azure[`${str(v.family)}${num(v.capacity)}`];
      return memoryGb
        ? [
            {
              kind: 'redis',
              source,
              memoryGb,
              highAvailability: v.sku_name !== 'Basic',
            },
          ]
        : undefined;
    }
    case 'google_redis_instance': {
      const memoryGb = num(v.memory_size_gb);
      return memoryGb
        ? [
            {
              kind: 'redis',
              source,
              memoryGb,
              highAvailability: v.tier === 'STANDARD_HA',
            },
          ]
        : undefined;
    }
    case 'aws_mq_broker':
      return [{ kind: 'broker', source }];
    case 'aws_sqs_queue':
    case 'azurerm_servicebus_namespace':
    case 'google_pubsub_topic':
      return [{ kind: 'queue', source }];
    case 'aws_nat_gateway':
    case 'azurerm_nat_gateway':
    case 'google_compute_router_nat':
      return [{ kind: 'nat', source }];
    case 'aws_lb':
    case 'azurerm_lb':
    case 'google_compute_forwarding_rule':
    case 'google_compute_global_forwarding_rule':
      return [{ kind: 'load-balancer', source }];
    case 'aws_ecr_repository':
    case 'azurerm_container_registry':
    case 'google_artifact_registry_repository':
      return [{ kind: 'registry', source }];
    default:
      return undefined;
  }
}

type Synthetic = {
  type: string;
  values: Record<string, Value>;
  chosen: string;
};

/** The resources that provide a role on a cloud, with the choice made, or why none. */
function equivalent(
  role: Role,
  cloud: Cloud,
  region: string,
  hourly: (key: string) => number | undefined,
  sourceCloud: Cloud,
): Synthetic[] | string {
  // On its own cloud, the architecture keeps the sizes it declares.
  const declared =
    cloud === sourceCloud && 'declared' in role ? role.declared : undefined;
  const zone = `${region}-a`;
  switch (role.kind) {
    case 'kubernetes': {
      const byCloud: Record<Cloud, Synthetic> = {
        aws: { type: 'aws_eks_cluster', values: {}, chosen: 'EKS cluster' },
        azure: {
          type: 'azurerm_kubernetes_cluster',
          values: { location: region, sku_tier: 'Standard' },
          chosen: 'AKS cluster (Standard tier: an uptime SLA like EKS and GKE)',
        },
        gcp: {
          type: 'google_container_cluster',
          values: { location: region, remove_default_node_pool: true },
          chosen: 'GKE Standard cluster',
        },
      };
      return [byCloud[cloud]];
    }
    case 'nodes': {
      const machine =
        declared ??
        smallestFitting(NODE_MACHINES[cloud], role.machine, name =>
          hourly(nodePriceKey(cloud, name)),
        );
      if (!machine)
        return `no priced ${cloud} machine has ${label(role.machine)}`;
      const chosen = `${role.count} × ${machine} (${label(
        NODE_MACHINES[cloud][machine],
      )})`;
      return [
        {
          aws: {
            type: 'aws_eks_node_group',
            values: {
              instance_types: [machine],
              scaling_config: [{ desired_size: role.count }],
            },
            chosen,
          },
          azure: {
            type: 'azurerm_kubernetes_cluster_node_pool',
            values: {
              location: region,
              vm_size: machine,
              node_count: role.count,
            },
            chosen,
          },
          gcp: {
            type: 'google_container_node_pool',
            values: {
              location: zone,
              node_count: role.count,
              node_config: [{ machine_type: machine }],
            },
            chosen,
          },
        }[cloud],
      ];
    }
    case 'postgres': {
      const ha = role.highAvailability;
      if (cloud === 'gcp') {
        const tier = cloudSqlCustomTier(role.machine);
        return [
          {
            type: 'google_sql_database_instance',
            values: {
              region,
              settings: [
                {
                  tier,
                  disk_size: role.storageGb,
                  availability_type: ha ? 'REGIONAL' : 'ZONAL',
                },
              ],
            },
            chosen: `Cloud SQL ${tier}${ha ? ', regional HA' : ''}, ${
              role.storageGb
            } GB SSD`,
          },
        ];
      }
      const machine =
        declared ??
        smallestFitting(DATABASE_MACHINES[cloud], role.machine, name =>
          hourly(
            cloud === 'aws'
              ? `rds:postgres:single-az:${name}`
              : `pgflex:${name}`,
          ),
        );
      if (!machine) return `no priced database size has ${label(role.machine)}`;
      const chosen = `${machine} (${label(DATABASE_MACHINES[cloud][machine])})${
        ha ? ', HA' : ''
      }, ${role.storageGb} GB`;
      return cloud === 'aws'
        ? [
            {
              type: 'aws_db_instance',
              values: {
                engine: 'postgres',
                instance_class: machine,
                allocated_storage: role.storageGb,
                storage_type: 'gp3',
                multi_az: ha,
              },
              chosen,
            },
          ]
        : [
            {
              type: 'azurerm_postgresql_flexible_server',
              values: {
                location: region,
                sku_name: machine,
                storage_mb: role.storageGb * 1024,
                high_availability: ha ? [{ mode: 'ZoneRedundant' }] : [],
              },
              chosen,
            },
          ];
    }
    case 'redis': {
      const need = role.memoryGb;
      if (cloud === 'gcp') {
        const gb = Math.max(1, Math.ceil(need));
        return [
          {
            type: 'google_redis_instance',
            values: {
              region,
              memory_size_gb: gb,
              tier: role.highAvailability ? 'STANDARD_HA' : 'BASIC',
            },
            chosen: `Memorystore ${
              role.highAvailability ? 'Standard' : 'Basic'
            } ${gb} GB`,
          },
        ];
      }
      if (cloud === 'aws') {
        const node = Object.entries(CACHE_MEMORY.aws)
          .filter(
            ([name, gb]) =>
              gb >= need && hourly(`elasticache:${name}`) !== undefined,
          )
          .sort(
            ([a], [b]) =>
              hourly(`elasticache:${a}`)! - hourly(`elasticache:${b}`)!,
          )[0]?.[0];
        if (!node) return `no priced ElastiCache node has ${need} GB`;
        return [
          {
            type: 'aws_elasticache_replication_group',
            values: {
              node_type: node,
              num_cache_clusters: role.highAvailability ? 2 : 1,
            },
            chosen: `${role.highAvailability ? 2 : 1} × ${node} (${
              CACHE_MEMORY.aws[node]
            } GB)`,
          },
        ];
      }
      const sku = role.highAvailability ? 'Standard' : 'Basic';
      const size = Object.entries(CACHE_MEMORY.azure)
        .filter(
          ([name, gb]) =>
            gb >= need &&
            hourly(
              `redis:${name.startsWith('P') ? 'Premium' : sku}:${name}`,
            ) !== undefined,
        )
        .sort(([, a], [, b]) => a - b)[0]?.[0];
      if (!size) return `no priced Azure Cache size has ${need} GB`;
      const premium = size.startsWith('P');
      return [
        {
          type: 'azurerm_redis_cache',
          values: {
            location: region,
            sku_name: premium ? 'Premium' : sku,
            family: size[0],
            capacity: Number(size.slice(1)),
          },
          chosen: `Azure Cache for Redis ${
            premium ? 'Premium' : sku
          } ${size} (${CACHE_MEMORY.azure[size]} GB)`,
        },
      ];
    }
    case 'broker':
    case 'queue': {
      const byCloud: Record<Cloud, Synthetic> = {
        aws:
          role.kind === 'broker'
            ? {
                type: 'aws_mq_broker',
                values: {
                  engine_type: 'RabbitMQ',
                  host_instance_type: 'mq.m7g.medium',
                  deployment_mode: 'SINGLE_INSTANCE',
                },
                chosen: `Amazon MQ for RabbitMQ mq.m7g.medium (${label(
                  BROKER_MACHINES['mq.m7g.medium'],
                )}), single instance`,
              }
            : {
                type: 'aws_sqs_queue',
                values: {},
                chosen: 'SQS standard queue',
              },
        azure: {
          type: 'azurerm_servicebus_namespace',
          values: { location: region, sku: 'Standard' },
          chosen: 'Service Bus Standard namespace',
        },
        gcp: {
          type: 'google_pubsub_topic',
          values: {},
          chosen: 'Pub/Sub topic',
        },
      };
      return [{ ...byCloud[cloud], values: { ...byCloud[cloud].values } }];
    }
    case 'nat':
      return {
        aws: [{ type: 'aws_nat_gateway', values: {}, chosen: 'NAT gateway' }],
        azure: [
          {
            type: 'azurerm_nat_gateway',
            values: { location: region },
            chosen: 'NAT gateway with a Standard static public IP',
          },
          {
            type: 'azurerm_public_ip',
            values: {
              location: region,
              sku: 'Standard',
              allocation_method: 'Static',
            },
            chosen: '',
          },
        ],
        gcp: [
          {
            type: 'google_compute_router_nat',
            values: { region },
            chosen: 'Cloud NAT',
          },
        ],
      }[cloud];
    case 'load-balancer': {
      const byCloud: Record<Cloud, Synthetic> = {
        aws: {
          type: 'aws_lb',
          values: { load_balancer_type: 'application' },
          chosen: 'Application Load Balancer',
        },
        azure: {
          type: 'azurerm_lb',
          values: { location: region, sku: 'Standard' },
          chosen: 'Standard Load Balancer',
        },
        gcp: {
          type: 'google_compute_forwarding_rule',
          values: { region },
          chosen: 'Load balancer forwarding rule',
        },
      };
      return [byCloud[cloud]];
    }
    case 'registry':
      return [
        {
          aws: {
            type: 'aws_ecr_repository',
            values: {},
            chosen: 'ECR repository',
          },
          azure: {
            type: 'azurerm_container_registry',
            values: { location: region, sku: 'Standard' },
            chosen: 'Container Registry Standard',
          },
          gcp: {
            type: 'google_artifact_registry_repository',
            values: { location: region },
            chosen: 'Artifact Registry repository',
          },
        }[cloud],
      ];
    default:
      return 'unknown role';
  }
}

/** The node pools the resources declare, largest first. */
export function nodePoolsOf(resources: ResourceInstance[]): NodePool[] {
  const pools: NodePool[] = [];
  for (const resource of resources) {
    const cloud = cloudOf(resource.type);
    if (resource.type === 'aws_eks_fargate_profile') {
      pools.push({
        cloud: 'aws',
        region: cloud!.regionOf(resource.values, resource.providerRegion),
        machine: FARGATE_MACHINE,
        count: 0,
      });
      continue;
    }
    for (const role of (cloud && roleOf(resource)) || []) {
      if (role.kind !== 'nodes') continue;
      pools.push({
        cloud: cloud!.cloud,
        region: cloud!.regionOf(resource.values, resource.providerRegion),
        machine: role.declared,
        count: role.count,
      });
    }
  }
  // A cluster whose node groups run no nodes runs its pods on Fargate, when it has a profile.
  const fargateFirst = (pool: NodePool) =>
    pool.machine === FARGATE_MACHINE ? 0 : 1;
  return pools.sort(
    (a, b) => b.count - a.count || fargateFirst(a) - fargateFirst(b),
  );
}

/** Roles once per architecture: several repositories or queues need one registry or bus. */
const SHARED_ROLES = new Set(['registry', 'queue', 'nat', 'kubernetes']);

/**
 * The same architecture priced on the three clouds: each resource's role mapped to the
 * cheapest equivalent at least as large, in the same geography.
 */
export function compareClouds(options: {
  resources: ResourceInstance[];
  catalog: PricingCatalog;
  usage?: UsageFile;
}): Comparison | undefined {
  const roles: Role[] = [];
  const notCompared: Comparison['notCompared'] = [];
  const regions = new Map<string, number>();
  let from: Cloud | undefined;
  for (const resource of options.resources) {
    const cloud = cloudOf(resource.type);
    if (
      !cloud ||
      cloud.free.has(resource.type) ||
      !cloud.pricers[resource.type]
    )
      continue;
    const found = roleOf(resource);
    if (!found) {
      notCompared.push({
        address: resource.address,
        resourceType: resource.type,
      });
      continue;
    }
    from ??= cloud.cloud;
    const region = cloud.regionOf(resource.values, resource.providerRegion);
    if (region) regions.set(region, (regions.get(region) ?? 0) + 1);
    roles.push(...found);
  }
  if (!from) return undefined;
  const fromRegion = [...regions.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const geography = REGION_EQUIVALENTS.find(g => g[from!] === fromRegion);
  if (!fromRegion || !geography) return undefined;

  const grouped = new Map<string, { role: Role; sources: string[] }>();
  roles.forEach((role, index) => {
    const key = SHARED_ROLES.has(role.kind)
      ? role.kind
      : `${role.kind}#${index}`;
    const entry = grouped.get(key);
    if (entry) entry.sources.push(role.source);
    else grouped.set(key, { role, sources: [role.source] });
  });

  const clouds = CLOUDS.map((cloud): CloudColumn => {
    const region = geography[cloud];
    const prices = options.catalog.prices[cloud]?.[region] ?? {};
    const hourly = (key: string) => prices[key]?.usd;
    const resources: ResourceInstance[] = [];
    const choices: Array<{
      group: { role: Role; sources: string[] };
      equivalent: string;
      addresses: string[];
    }> = [];
    [...grouped.values()].forEach((group, index) => {
      const found = equivalent(group.role, cloud, region, hourly, from!);
      if (typeof found === 'string') {
        choices.push({ group, equivalent: found, addresses: [] });
        return;
      }
      const addresses = found.map((synthetic, part) => {
        const address = `${group.role.kind}[${index}]${part ? `.${part}` : ''}`;
        resources.push({
          address,
          type: synthetic.type,
          name: group.role.kind,
          values: synthetic.values,
          providerRegion: region,
          file: '',
        });
        return address;
      });
      choices.push({
        group,
        equivalent: found
          .map(s => s.chosen)
          .filter(Boolean)
          .join(' + '),
        addresses,
      });
    });
    const priced = estimate({
      project: `${cloud} ${region}`,
      resources,
      catalog: options.catalog,
      usage: options.usage,
    });
    const costs = new Map(
      priced.projects[0].breakdown.resources.map(r => [
        r.name,
        Number(r.monthlyCost),
      ]),
    );
    return {
      cloud,
      region,
      totalMonthlyCost: priced.totalMonthlyCost,
      coverage: priced.coverage,
      items: choices.map(({ group, equivalent: chosen, addresses }) => ({
        role: group.role.kind,
        sources: group.sources,
        equivalent: chosen,
        monthlyCost: addresses.some(a => costs.has(a))
          ? String(
              Math.round(
                addresses.reduce((sum, a) => sum + (costs.get(a) ?? 0), 0) *
                  100,
              ) / 100,
            )
          : null,
      })),
    };
  });
  return { from: { cloud: from, region: fromRegion }, clouds, notCompared };
}
