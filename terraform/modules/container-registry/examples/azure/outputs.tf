output "registry_url" {
  description = "The module's registry_url."
  value       = module.container_registry.registry_url
}

output "repository_urls" {
  description = "The module's repository_urls."
  value       = module.container_registry.repository_urls
}
