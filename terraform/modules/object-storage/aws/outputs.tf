output "bucket" {
  description = "Bucket name: the S3 bucket, the Azure container, or the GCS bucket."
  value       = aws_s3_bucket.this.id
}

output "endpoint" {
  description = "Endpoint clients address the bucket through."
  value       = "https://${aws_s3_bucket.this.bucket_regional_domain_name}"
}

output "id" {
  description = "What access is granted on: the bucket ARN, the storage account's resource id, or the bucket name."
  value       = aws_s3_bucket.this.arn
}
