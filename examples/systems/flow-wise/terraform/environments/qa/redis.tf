variable "redis" {
  type = object({
    size     = string
    replicas = number
  })
  description = "Managed Redis: ElastiCache, Azure Cache for Redis, or Memorystore."
}

module "redis" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/redis/azure?ref=v0.1.0"

  name     = local.name
  context  = local.context
  network  = module.network
  size     = var.redis.size
  replicas = var.redis.replicas
}

output "redis_endpoint" {
  description = "Redis host."
  value       = module.redis.endpoint
}
