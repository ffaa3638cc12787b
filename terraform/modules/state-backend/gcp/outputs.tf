output "backend_type" {
  description = "Terraform backend type to configure (s3, azurerm or gcs)."
  value       = "gcs"
}

output "backend_config" {
  description = "Settings for the backend block, as -backend-config key/value pairs (add key or prefix per root)."
  value = {
    bucket = google_storage_bucket.this.name
  }
}
