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
  context  = local.contexts.redis
  network  = module.network
  size     = var.redis.size
  replicas = var.redis.replicas
}

output "redis_endpoint" {
  description = "Redis host."
  value       = module.redis.endpoint
}

# What a registered service that depends on Redis receives in its secret (TLS only).
locals {
  redis_binding = {
    env = {
      REDIS_URL = module.redis.auth_token == "" ? "rediss://${module.redis.endpoint}:${module.redis.port}" : "rediss://:${urlencode(module.redis.auth_token)}@${module.redis.endpoint}:${module.redis.port}"
    }
    resources = []
  }
}
