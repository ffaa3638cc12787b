import type { CostCategory } from '@forja/plugin-cost-common';

export type { CostCategory };
/** What a resource type is for, as the cost tab's chart groups it. */
const CATEGORIES: Array<[RegExp, CostCategory]> = [
  [
    /eks_|kubernetes_cluster|container_cluster|container_node_pool|^kubernetes_workload$/,
    'kubernetes',
  ],
  [/elasticache|redis/, 'cache'],
  [/db_instance|rds_cluster|dynamodb|postgresql|sql_database/, 'database'],
  [/mq_broker|sqs|servicebus|pubsub/, 'messaging'],
  [/nat|_lb$|_eip$|public_ip|private_endpoint|forwarding_rule/, 'networking'],
  [/ecr_|container_registry|artifact_registry/, 'registry'],
  [/s3_bucket|storage_account|storage_bucket/, 'storage'],
  [/cloudwatch|log_analytics|monitor/, 'observability'],
  [/instance|virtual_machine|disk|ebs_volume/, 'compute'],
];

export function categoryOf(resourceType: string): CostCategory {
  return (
    CATEGORIES.find(([pattern]) => pattern.test(resourceType))?.[1] ?? 'other'
  );
}
