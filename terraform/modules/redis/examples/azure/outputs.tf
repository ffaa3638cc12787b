output "endpoint" {
  description = "The module's endpoint."
  value       = module.redis.endpoint
}

output "port" {
  description = "The module's port."
  value       = module.redis.port
}
