output "registry_url" {
  description = "Registry host (and path prefix) images are pushed to."
  value       = azurerm_container_registry.this.login_server
}

output "repository_urls" {
  description = "Repository name to full image URL."
  value       = { for name in var.repositories : name => "${azurerm_container_registry.this.login_server}/${name}" }
}
