output "bucket" {
  description = "Bucket name: the S3 bucket, the Azure container, or the GCS bucket."
  value       = azurerm_storage_container.this.name
}

output "endpoint" {
  description = "Endpoint clients address the bucket through."
  value       = azurerm_storage_account.this.primary_blob_endpoint
}

output "id" {
  description = "What access is granted on: the bucket ARN, the storage account's resource id, or the bucket name."
  value       = azurerm_storage_account.this.id
}
