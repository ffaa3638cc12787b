output "identity" {
  description = "The cloud identity the service's ServiceAccount carries (IAM role ARN, managed identity client id, Google service account email)."
  value       = aws_iam_role.this.arn
}

output "secret_name" {
  description = "Name of the cloud secret External Secrets Operator reads into the service's <name>-secrets Secret."
  value       = aws_secretsmanager_secret.this.name
}

output "application" {
  description = "Name of the service's Argo CD Application in this environment."
  value       = module.argocd.application
}
