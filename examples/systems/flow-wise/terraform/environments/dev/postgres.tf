variable "postgres" {
  type = object({
    flavor            = string
    size              = string
    storage_gb        = number
    high_availability = bool
    engine_version    = optional(string, "16")
    database_name     = string
  })
  description = "Managed PostgreSQL: RDS or Aurora, Flexible Server, or Cloud SQL."
}

module "postgres" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/postgres-db/azure?ref=v0.1.0"

  name              = local.name
  context           = local.contexts.postgres
  network           = module.network
  flavor            = var.postgres.flavor
  size              = var.postgres.size
  storage_gb        = var.postgres.storage_gb
  high_availability = var.postgres.high_availability
  engine_version    = var.postgres.engine_version
  database_name     = var.postgres.database_name
}

output "postgres_endpoint" {
  description = "PostgreSQL host."
  value       = module.postgres.endpoint
}

# What a registered service that depends on PostgreSQL receives in its secret.
locals {
  postgres_binding = {
    env = {
      DATABASE_URL = "postgresql://${module.postgres.admin_username}:${urlencode(module.postgres.admin_password)}@${module.postgres.endpoint}:${module.postgres.port}/${var.postgres.database_name}?sslmode=require"
      PGHOST       = module.postgres.endpoint
      PGPORT       = tostring(module.postgres.port)
      PGDATABASE   = var.postgres.database_name
      PGUSER       = module.postgres.admin_username
      PGPASSWORD   = module.postgres.admin_password
    }
    resources = []
  }
}
