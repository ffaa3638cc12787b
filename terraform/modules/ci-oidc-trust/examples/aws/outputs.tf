output "principal" {
  description = "The module's principal."
  value       = module.ci_oidc_trust.principal
}

output "provider" {
  description = "The module's provider."
  value       = module.ci_oidc_trust.provider
}
