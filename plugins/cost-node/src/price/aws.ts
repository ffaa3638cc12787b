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
import { Attributes, HOURS_PER_MONTH } from './types';

const MQ_NODES: Record<string, number> = {
  SINGLE_INSTANCE: 1,
  ACTIVE_STANDBY_MULTI_AZ: 2,
  CLUSTER_MULTI_AZ: 3,
};

function rdsInstance(
  engine: string,
  klass: string,
  az: 'single-az' | 'multi-az',
) {
  return hourly(
    `Database instance (${engine}, ${az}, ${klass})`,
    `rds:${engine}:${az}:${klass}`,
  );
}

/** An EKS node group's machine (its first instance type) and desired node count. */
export function eksNodeGroup(a: Attributes): {
  machine: string;
  count?: number;
} {
  const types = Array.isArray(a.instance_types) ? a.instance_types : [];
  return {
    machine: str(types[0], 't3.medium')!,
    count: num(firstBlock(a.scaling_config).desired_size),
  };
}

/**
 * A volume whose type is not set: Terraform's aws_ebs_volume default, the EKS node group
 * disk (disk_size) and the root volume of common AMIs, as Infracost assumes.
 */
const EBS_DEFAULT_TYPE = 'gp2';

const instanceHours = (type: string, count = 1) =>
  hourly(`Instance usage (Linux, on-demand, ${type})`, `ec2:${type}`, count);

const gbMonth = (name: string, priceKey: string, gb: number | undefined) =>
  monthly(name, 'GB', priceKey, gb);

const pricers: Record<string, Pricer> = {
  aws_instance: a => {
    const type = str(a.instance_type);
    if (!type) return 'instance_type is not known before apply';
    const root = firstBlock(a.root_block_device);
    const volume = str(root.volume_type, EBS_DEFAULT_TYPE)!;
    const extra = (Array.isArray(a.ebs_block_device) ? a.ebs_block_device : [])
      .filter((d): d is Attributes => !!d && typeof d === 'object')
      .map(d => {
        const volumeType = str(d.volume_type, EBS_DEFAULT_TYPE)!;
        return gbMonth(
          `EBS volume ${str(d.device_name, '')} (${volumeType})`.replace(
            '  ',
            ' ',
          ),
          `ebs:${volumeType}`,
          num(d.volume_size, 8),
        );
      });
    return [
      instanceHours(type),
      gbMonth(
        `Root volume (${volume})`,
        `ebs:${volume}`,
        num(root.volume_size, 8),
      ),
      ...extra,
    ];
  },
  aws_ebs_volume: a => {
    const type = str(a.type, EBS_DEFAULT_TYPE)!;
    return [gbMonth(`Storage (${type})`, `ebs:${type}`, num(a.size))];
  },
  aws_eip: () => [hourly('Public IPv4 address', 'ipv4:hour')],
  aws_eks_cluster: () => [hourly('EKS cluster', 'eks:cluster')],
  aws_eks_node_group: a => {
    const { machine: type, count } = eksNodeGroup(a);
    if (count === undefined) return 'scaling_config.desired_size is not known';
    return [
      instanceHours(type, count),
      gbMonth(
        `Storage (${EBS_DEFAULT_TYPE})`,
        `ebs:${EBS_DEFAULT_TYPE}`,
        num(a.disk_size, 20)! * count,
      ),
    ];
  },
  // A profile costs nothing itself: its pods are billed, each at the Fargate size its
  // requests round up to. They are priced with the workloads' manifests (priceWorkloads);
  // here only from a usage file, never from a flat guess that would count them twice.
  aws_eks_fargate_profile: (_a, u) => [
    usage(
      "Fargate vCPU (the pods' requests)",
      'vCPU-hours',
      'fargate:vcpu',
      u.monthly_vcpu_hours,
    ),
    usage(
      "Fargate memory (the pods' requests)",
      'GB-hours',
      'fargate:gb',
      u.monthly_gb_hours,
    ),
  ],
  aws_nat_gateway: (_a, u) => [
    hourly('NAT gateway', 'nat:hour'),
    usage('Data processed', 'GB', 'nat:gb', u.monthly_data_processed_gb),
  ],
  aws_lb: (a, u) => {
    const kind = str(a.load_balancer_type, 'application');
    const prefix = { application: 'alb', network: 'nlb' }[kind!];
    if (!prefix) return `load_balancer_type "${kind}" is not priced`;
    // Traffic, when given, sets the capacity units: one LCU processes 1 GB an hour (for
    // instance and IP targets), so a month's GB are its LCU-hours (Infracost's key).
    const lcuHours =
      'processed_bytes_gb' in u
        ? u.processed_bytes_gb
        : scaled(u.capacity_units, HOURS_PER_MONTH);
    return [
      hourly(`Load balancer (${kind})`, `${prefix}:hour`),
      usage('Capacity units', 'LCU-hours', `${prefix}:lcu`, lcuHours),
    ];
  },
  aws_db_instance: a => {
    const klass = str(a.instance_class);
    if (!klass) return 'instance_class is not known before apply';
    const engine = str(a.engine, 'postgres')!;
    const az = a.multi_az === true ? 'multi-az' : 'single-az';
    const storageType = str(a.storage_type, 'gp2')!;
    return [
      rdsInstance(engine, klass, az),
      gbMonth(
        `Storage (${storageType}, ${az})`,
        `rds:storage:${storageType}:${az}`,
        num(a.allocated_storage, 20),
      ),
    ];
  },
  aws_rds_cluster: (_a, u) => [
    usage('Storage', 'GB', 'aurora:storage', u.storage_gb),
    usage(
      'I/O requests',
      '1M requests',
      'aurora:io',
      scaled(u.monthly_io_requests, 1 / 1e6),
    ),
  ],
  aws_rds_cluster_instance: a => {
    const klass = str(a.instance_class);
    const engine = str(a.engine);
    if (!klass) return 'instance_class is not known before apply';
    if (!engine) return 'engine is not known before apply';
    return [
      hourly(
        `Database instance (${engine}, ${klass})`,
        `aurora:${engine}:${klass}`,
      ),
    ];
  },
  aws_elasticache_cluster: a => {
    const node = str(a.node_type);
    if (!node) return 'node_type is not known before apply';
    const nodes = num(a.num_cache_nodes, 1)!;
    return [hourly(`Cache nodes (${node})`, `elasticache:${node}`, nodes)];
  },
  aws_elasticache_replication_group: a => {
    const node = str(a.node_type);
    if (!node) return 'node_type is not known before apply';
    const shards = num(a.num_node_groups);
    const nodes =
      shards !== undefined
        ? shards * (num(a.replicas_per_node_group, 0)! + 1)
        : num(a.num_cache_clusters, 1)!;
    return [hourly(`Cache nodes (${node})`, `elasticache:${node}`, nodes)];
  },
  aws_mq_broker: (a, u) => {
    const type = str(a.host_instance_type);
    if (!type) return 'host_instance_type is not known before apply';
    const engine = str(a.engine_type, 'ActiveMQ')!.toLowerCase();
    const mode = str(a.deployment_mode, 'SINGLE_INSTANCE')!.toUpperCase();
    const nodes = MQ_NODES[mode];
    if (!nodes) return `deployment_mode "${mode}" is not priced`;
    const components = [
      hourly(
        `Broker instances (${engine}, ${type})`,
        `mq:${engine}:${type}`,
        nodes,
      ),
    ];
    if (engine === 'activemq') {
      components.push(usage('Storage (EFS)', 'GB', 'mq:storage', u.storage_gb));
    }
    return components;
  },
  aws_dynamodb_table: (a, u) => {
    const storage = usage('Storage', 'GB', 'dynamodb:storage', u.storage_gb);
    if (str(a.billing_mode, 'PROVISIONED') === 'PAY_PER_REQUEST') {
      return [
        usage(
          'Write request units',
          '1M WRUs',
          'dynamodb:wru',
          scaled(u.monthly_write_request_units, 1 / 1e6),
        ),
        usage(
          'Read request units',
          '1M RRUs',
          'dynamodb:rru',
          scaled(u.monthly_read_request_units, 1 / 1e6),
        ),
        storage,
      ];
    }
    return [
      hourly('Write capacity', 'dynamodb:wcu', num(a.write_capacity, 0)),
      hourly('Read capacity', 'dynamodb:rcu', num(a.read_capacity, 0)),
      storage,
    ];
  },
  aws_s3_bucket: (_a, u) => [
    usage('Standard storage', 'GB', 's3:standard', u.storage_gb),
    usage(
      'PUT, COPY, POST, LIST requests',
      '1k requests',
      's3:tier1',
      scaled(u.monthly_tier_1_requests, 1 / 1000),
    ),
    usage(
      'GET, SELECT and other requests',
      '1k requests',
      's3:tier2',
      scaled(u.monthly_tier_2_requests, 1 / 1000),
    ),
  ],
  aws_sqs_queue: (a, u) => [
    usage(
      a.fifo_queue === true ? 'FIFO requests' : 'Requests',
      '1M requests',
      a.fifo_queue === true ? 'sqs:fifo' : 'sqs:standard',
      scaled(u.monthly_requests, 1 / 1e6),
    ),
  ],
  aws_ecr_repository: (_a, u) => [
    usage('Storage', 'GB', 'ecr:storage', u.storage_gb),
  ],
  aws_cloudwatch_log_group: (_a, u) => [
    usage('Data ingested', 'GB', 'logs:ingest', u.monthly_data_ingested_gb),
    usage('Archival storage', 'GB', 'logs:storage', u.storage_gb),
  ],
};

export const AWS: CloudPricing = {
  cloud: 'aws',
  pricers,
  free: new Set([
    'aws_vpc',
    'aws_subnet',
    'aws_route_table',
    'aws_route_table_association',
    'aws_route',
    'aws_internet_gateway',
    'aws_security_group',
    'aws_security_group_rule',
    'aws_vpc_security_group_ingress_rule',
    'aws_vpc_security_group_egress_rule',
    'aws_iam_role',
    'aws_iam_policy',
    'aws_iam_role_policy',
    'aws_iam_role_policy_attachment',
    'aws_iam_openid_connect_provider',
    'aws_db_subnet_group',
    'aws_elasticache_subnet_group',
    'aws_eks_addon',
    'aws_autoscaling_group_tag',
    'aws_eks_access_entry',
    'aws_eks_access_policy_association',
    'aws_ecr_lifecycle_policy',
    'aws_s3_bucket_versioning',
    'aws_s3_bucket_server_side_encryption_configuration',
    'aws_s3_bucket_public_access_block',
    'aws_s3_bucket_policy',
    'aws_s3_bucket_ownership_controls',
    'aws_s3_bucket_lifecycle_configuration',
    'aws_sqs_queue_policy',
    'aws_lb_listener',
    'aws_lb_target_group',
  ]),
  regionOf: (_values, providerRegion) => providerRegion,
};
