output "endpoint" {
  description = "The module's endpoint."
  value       = module.postgres_db.endpoint
}

output "port" {
  description = "The module's port."
  value       = module.postgres_db.port
}

output "admin_username" {
  description = "The module's admin_username."
  value       = module.postgres_db.admin_username
}

output "admin_password" {
  description = "The module's admin_password."
  value       = module.postgres_db.admin_password
  sensitive   = true
}
