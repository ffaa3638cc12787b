variable "redis" {
  type = object({
    size     = string
    replicas = number
  })
  description = "Managed Redis: ElastiCache, Azure Cache for Redis, or Memorystore."
}

module "redis" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/redis/aws?ref=v0.1.0"

  name     = local.name
  context  = local.context
  network  = local.network
  size     = var.redis.size
  replicas = var.redis.replicas
}

output "endpoint" {
  description = "Redis host."
  value       = module.redis.endpoint
}

# What the service receives in its <name>-connection Secret (TLS only).
locals {
  binding = {
    env = {
      REDIS_URL = module.redis.auth_token == "" ? "rediss://${module.redis.endpoint}:${module.redis.port}" : "rediss://:${urlencode(module.redis.auth_token)}@${module.redis.endpoint}:${module.redis.port}"
    }
    resources = []
    buckets   = []
  }
}
