output "endpoint" {
  description = "Host name applications connect to."
  value       = azurerm_postgresql_flexible_server.this.fqdn
}

output "port" {
  description = "PostgreSQL port."
  value       = 5432
}

output "admin_username" {
  description = "Administrator user."
  value       = "forja_admin"
}

output "admin_password" {
  description = "Administrator password (store it in the cloud's secret manager; it is in the state)."
  value       = random_password.admin.result
  sensitive   = true
}
