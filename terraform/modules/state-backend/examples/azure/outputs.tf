output "backend_type" {
  description = "The module's backend_type."
  value       = module.state_backend.backend_type
}

output "backend_config" {
  description = "The module's backend_config."
  value       = module.state_backend.backend_config
}
