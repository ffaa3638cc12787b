resource "google_redis_instance" "this" {
  name                    = var.name
  project                 = var.context.project_id
  region                  = var.context.region
  tier                    = var.replicas > 0 ? "STANDARD_HA" : "BASIC"
  replica_count           = var.replicas > 0 ? var.replicas : null
  read_replicas_mode      = var.replicas > 0 ? "READ_REPLICAS_ENABLED" : "READ_REPLICAS_DISABLED"
  memory_size_gb          = tonumber(var.size)
  redis_version           = "REDIS_7_2"
  authorized_network      = var.network.network_id
  connect_mode            = "PRIVATE_SERVICE_ACCESS"
  transit_encryption_mode = "SERVER_AUTHENTICATION"
  labels                  = var.context.tags
}
