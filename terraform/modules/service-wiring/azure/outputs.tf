output "identity" {
  description = "The cloud identity the service's ServiceAccount carries (IAM role ARN, managed identity client id, Google service account email)."
  value       = azurerm_user_assigned_identity.this.client_id
}

output "secret_name" {
  description = "Name of the cloud secret External Secrets Operator reads into the service's <name>-secrets Secret."
  value       = azurerm_key_vault_secret.this.name
}

output "application" {
  description = "Name of the service's Argo CD Application in this environment."
  value       = module.argocd.application
}
