output "bucket" {
  description = "Bucket name: the S3 bucket, the Azure container, or the GCS bucket."
  value       = google_storage_bucket.this.name
}

output "endpoint" {
  description = "Endpoint clients address the bucket through."
  value       = "https://storage.googleapis.com"
}

output "id" {
  description = "What access is granted on: the bucket ARN, the storage account's resource id, or the bucket name."
  value       = google_storage_bucket.this.name
}
