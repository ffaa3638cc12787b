output "principal" {
  description = "What the workflow signs in as: IAM role ARN, managed identity client id, or service account email."
  value       = google_service_account.this.email
}

output "provider" {
  description = "The identity provider the workflow exchanges its token with."
  value       = google_iam_workload_identity_pool_provider.this.name
}
