output "endpoint" {
  description = "Host name applications connect to."
  value       = google_sql_database_instance.this.private_ip_address
}

output "port" {
  description = "PostgreSQL port."
  value       = 5432
}

output "admin_username" {
  description = "Administrator user."
  value       = google_sql_user.admin.name
}

output "admin_password" {
  description = "Administrator password (store it in the cloud's secret manager; it is in the state)."
  value       = random_password.admin.result
  sensitive   = true
}
