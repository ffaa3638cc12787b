output "identity" {
  description = "The module's identity."
  value       = module.service_wiring.identity
}

output "secret_name" {
  description = "The module's secret_name."
  value       = module.service_wiring.secret_name
}

output "application" {
  description = "The module's application."
  value       = module.service_wiring.application
}
