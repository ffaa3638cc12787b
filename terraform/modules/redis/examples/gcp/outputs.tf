output "endpoint" {
  description = "The module's endpoint."
  value       = module.redis.endpoint
}

output "port" {
  description = "The module's port."
  value       = module.redis.port
}

output "auth_token" {
  description = "The module's auth_token."
  value       = module.redis.auth_token
  sensitive   = true
}
