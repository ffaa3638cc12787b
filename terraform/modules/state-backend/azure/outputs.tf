output "backend_type" {
  description = "Terraform backend type to configure (s3, azurerm or gcs)."
  value       = "azurerm"
}

output "backend_config" {
  description = "Settings for the backend block, as -backend-config key/value pairs (add key or prefix per root)."
  value = {
    resource_group_name  = var.context.resource_group_name
    storage_account_name = azurerm_storage_account.this.name
    container_name       = azurerm_storage_container.this.name
    use_azuread_auth     = "true"
  }
}
