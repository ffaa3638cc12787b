output "principal" {
  description = "What the workflow signs in as: IAM role ARN, managed identity client id, or service account email."
  value       = azurerm_user_assigned_identity.this.client_id
}

output "provider" {
  description = "The identity provider the workflow exchanges its token with."
  value       = azurerm_user_assigned_identity.this.tenant_id
}
