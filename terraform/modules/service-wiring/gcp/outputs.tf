output "identity" {
  description = "The cloud identity the service's ServiceAccount carries (IAM role ARN, managed identity client id, Google service account email)."
  value       = google_service_account.this.email
}

output "secret_name" {
  description = "Name of the cloud secret External Secrets Operator reads into the service's <name>-secrets Secret."
  value       = google_secret_manager_secret.this.secret_id
}

output "application" {
  description = "Name of the service's Argo CD Application in this environment."
  value       = module.argocd.application
}
