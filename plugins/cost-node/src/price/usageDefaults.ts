/**
 * Usage Forja assumes when the usage file says nothing, per resource type, in the usage
 * file's own keys. Every estimate lists the defaults it applied (coverage.assumedUsage),
 * and the README documents this table.
 */
export const USAGE_DEFAULTS: Record<string, Record<string, number>> = {
  aws_nat_gateway: { monthly_data_processed_gb: 100 },
  aws_lb: { capacity_units: 1 },
  aws_rds_cluster: { storage_gb: 20, monthly_io_requests: 10_000_000 },
  aws_mq_broker: { storage_gb: 5 },
  aws_dynamodb_table: {
    monthly_write_request_units: 1_000_000,
    monthly_read_request_units: 1_000_000,
    storage_gb: 1,
  },
  aws_s3_bucket: {
    storage_gb: 50,
    monthly_tier_1_requests: 10_000,
    monthly_tier_2_requests: 100_000,
  },
  aws_sqs_queue: { monthly_requests: 1_000_000 },
  aws_ecr_repository: { storage_gb: 5 },
  aws_cloudwatch_log_group: { monthly_data_ingested_gb: 10, storage_gb: 10 },
  azurerm_nat_gateway: { monthly_data_processed_gb: 100 },
  azurerm_lb: { monthly_data_processed_gb: 100 },
  azurerm_servicebus_namespace: { monthly_operations: 1_000_000 },
  azurerm_container_registry: { storage_gb: 5 },
  azurerm_storage_account: { storage_gb: 50 },
  google_compute_router_nat: {
    assigned_vms: 3,
    monthly_data_processed_gb: 100,
  },
  google_pubsub_topic: { monthly_message_data_tib: 0.01 },
  google_compute_forwarding_rule: { monthly_data_processed_gb: 100 },
  google_compute_global_forwarding_rule: { monthly_data_processed_gb: 100 },
  google_artifact_registry_repository: { storage_gb: 5 },
  google_storage_bucket: { storage_gb: 50 },
};
