output "backend_type" {
  description = "Terraform backend type to configure (s3, azurerm or gcs)."
  value       = "s3"
}

output "backend_config" {
  description = "Settings for the backend block, as -backend-config key/value pairs (add key or prefix per root)."
  value = {
    bucket         = aws_s3_bucket.this.bucket
    region         = var.context.region
    dynamodb_table = aws_dynamodb_table.lock.name
    encrypt        = "true"
  }
}
