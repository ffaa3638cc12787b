variable "postgres" {
  type = object({
    flavor            = string
    size              = string
    storage_gb        = number
    high_availability = bool
    database_name     = string
  })
  description = "Managed PostgreSQL: RDS or Aurora, Flexible Server, or Cloud SQL."
}

module "postgres" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/postgres-db/aws?ref=v0.1.0"

  name              = local.name
  context           = local.context
  network           = local.network
  flavor            = var.postgres.flavor
  size              = var.postgres.size
  storage_gb        = var.postgres.storage_gb
  high_availability = var.postgres.high_availability
  database_name     = var.postgres.database_name
}

output "endpoint" {
  description = "PostgreSQL host."
  value       = module.postgres.endpoint
}
