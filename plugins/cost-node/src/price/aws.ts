import { Value } from '../hcl/expression';
import { Attributes, ComponentRequest, HOURS_PER_MONTH } from './types';

const num = (v: Value | undefined, fallback?: number): number | undefined =>
  typeof v === 'number' ? v : fallback;
const str = (v: Value | undefined, fallback?: string): string | undefined =>
  typeof v === 'string' ? v : fallback;
const firstBlock = (v: Value | undefined): Attributes =>
  (Array.isArray(v) && v[0] && typeof v[0] === 'object' && !Array.isArray(v[0])
    ? v[0]
    : {}) as Attributes;

const hourly = (
  name: string,
  priceKey: string,
  count = 1,
): ComponentRequest => ({
  name,
  unit: 'hours',
  monthlyQuantity: HOURS_PER_MONTH * count,
  priceKey,
  usageBased: false,
});

const storage = (
  name: string,
  priceKey: string,
  gb: number | undefined,
): ComponentRequest => ({
  name,
  unit: 'GB',
  monthlyQuantity: gb,
  priceKey,
  usageBased: false,
});

type Usage = Record<string, number>;
type Pricer = (a: Attributes, usage: Usage) => ComponentRequest[] | string;

/**
 * AWS resources as cost components: the price key, the monthly quantity and whether it
 * depends on usage. A string is the reason a resource cannot be priced.
 */
export const AWS_PRICERS: Record<string, Pricer> = {
  aws_instance: a => {
    const type = str(a.instance_type);
    if (!type) return 'instance_type is not known before apply';
    const root = firstBlock(a.root_block_device);
    return [
      hourly(`Instance usage (Linux, on-demand, ${type})`, `ec2:${type}`),
      storage(
        `Root volume (${str(root.volume_type, 'gp3')})`,
        `ebs:${str(root.volume_type, 'gp3')}`,
        num(root.volume_size, 8),
      ),
    ];
  },
  aws_ebs_volume: a => {
    const type = str(a.type, 'gp3')!;
    return [storage(`Storage (${type})`, `ebs:${type}`, num(a.size))];
  },
  aws_eks_cluster: () => [hourly('EKS cluster', 'eks:cluster')],
  aws_eks_node_group: a => {
    const scaling = firstBlock(a.scaling_config);
    const count = num(scaling.desired_size);
    const types = Array.isArray(a.instance_types) ? a.instance_types : [];
    const type = str(types[0], 't3.medium');
    if (count === undefined) return 'scaling_config.desired_size is not known';
    return [
      hourly(
        `Instance usage (Linux, on-demand, ${type})`,
        `ec2:${type}`,
        count,
      ),
      storage('Storage (gp3)', 'ebs:gp3', num(a.disk_size, 20)! * count),
    ];
  },
  aws_nat_gateway: (_a, usage) => [
    hourly('NAT gateway', 'nat:hour'),
    {
      name: 'Data processed',
      unit: 'GB',
      monthlyQuantity: usage.monthly_data_processed_gb,
      priceKey: 'nat:gb',
      usageBased: true,
    },
  ],
  aws_db_instance: a => {
    const klass = str(a.instance_class);
    const engine = str(a.engine, 'postgres');
    if (!klass) return 'instance_class is not known before apply';
    const az = a.multi_az === true ? 'multi-az' : 'single-az';
    const storageType = str(a.storage_type, 'gp2')!;
    return [
      hourly(
        `Database instance (${engine}, ${az}, ${klass})`,
        `rds:${engine}:${az}:${klass}`,
      ),
      storage(
        `Storage (${storageType}, ${az})`,
        `rds:storage:${storageType}:${az}`,
        num(a.allocated_storage),
      ),
    ];
  },
};
