output "backend_config" {
  description = "Values for each environment's backend.tfbackend."
  value       = module.state_backend.backend_config
}

output "ci_principal" {
  description = "Set as the AWS_ROLE_ARN, AZURE_CLIENT_ID or GCP_SERVICE_ACCOUNT variable of each GitHub Environment."
  value       = module.ci_oidc_trust.principal
}

output "ci_provider" {
  description = "Identity provider (GCP_WORKLOAD_IDENTITY_PROVIDER on GCP, the tenant id on Azure)."
  value       = module.ci_oidc_trust.provider
}
