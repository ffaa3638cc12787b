/**
 * Where Forja's figure for an Infracost golden case is not Infracost's, and why (the
 * README's "Where Forja differs from Infracost" says the same). Keys: `<address> <price key>`
 * or `<resource type> <price key>` for every case of a type.
 */
export const KNOWN_DIFFERENCES: Record<
  string,
  { kind: 'on purpose' | 'not modelled' | 'no price'; why: string }
> = {
  'aws_eks_fargate_profile fargate:vcpu': {
    kind: 'on purpose',
    why: 'Infracost bills every profile 1 vCPU and 1 GB all month; a profile costs nothing itself, Forja prices its pods from their requests (rounded up to a Fargate size) with the workloads',
  },
  'aws_eks_fargate_profile fargate:gb': {
    kind: 'on purpose',
    why: 'as fargate:vcpu',
  },
  'azurerm_postgresql_flexible_server.high_availability pgflex:GP_Standard_D2ads_v5':
    {
      kind: 'on purpose',
      why: 'zone-redundant high availability runs a standby billed like the primary (compute and storage); Infracost bills one server',
    },
  'azurerm_postgresql_flexible_server.high_availability pgflex:storage': {
    kind: 'on purpose',
    why: 'as the standby compute: its storage is billed too',
  },
  'google_compute_forwarding_rule lb:rule': {
    kind: 'on purpose',
    why: 'Google bills the first 5 forwarding rules of a project and region at $0.025 an hour together; Infracost prices a rule at the $0.01 of each rule past 5',
  },
  'google_compute_global_forwarding_rule lb:rule': {
    kind: 'on purpose',
    why: 'as google_compute_forwarding_rule',
  },
  'google_container_cluster disk:pd-standard': {
    kind: 'on purpose',
    why: "GKE's default node boot disk is pd-balanced; Infracost assumes pd-standard",
  },
  'google_container_node_pool disk:pd-standard': {
    kind: 'on purpose',
    why: 'as google_container_cluster',
  },
  'aws_elasticache_replication_group.cluster-autoscale elasticache:cache.m4.large':
    {
      kind: 'not modelled',
      why: "Forja does not read aws_appautoscaling_target minimums: the group's own node groups and replicas are priced",
    },
  'azurerm_public_ip.global ip:standard:global': {
    kind: 'not modelled',
    why: 'a Global-tier (cross-region) public IP is priced as a regional static one',
  },
  'google_sql_database_instance.no_public_ip cloudsql:db-standard-1:zonal': {
    kind: 'not modelled',
    why: 'db-standard-1 is neither a custom nor a db-n1 tier Forja reads as vCPUs and memory',
  },
  'azurerm_redis_cache redis:Premium:P3': {
    kind: 'no price',
    why: "Infracost's figures price nodes, not Forja's cache unit, and no other input has P3 in eastus",
  },
  'azurerm_redis_cache redis:Premium:P1': {
    kind: 'no price',
    why: 'australiacentral is not a region Forja prices managed services in',
  },
  'azurerm_redis_cache redis:Basic:C4': {
    kind: 'no price',
    why: 'as redis:Premium:P3',
  },
  'azurerm_servicebus_namespace servicebus:standard:ops': {
    kind: 'no price',
    why: 'Service Bus Standard operations are tiered; Forja has one rate past the 13 million included, curated for its regions, none in westeurope',
  },
  'azurerm_storage_account blob:hot:lrs': {
    kind: 'no price',
    why: 'westus blob capacity is tiered in the golden figures and no other input has it',
  },
};

/** Why a case's figure is not Infracost's, by its address or its resource type. */
export const knownDifference = (c: { address: string; priceKey: string }) =>
  KNOWN_DIFFERENCES[`${c.address} ${c.priceKey}`] ??
  KNOWN_DIFFERENCES[`${c.address.split('.')[0]} ${c.priceKey}`];
