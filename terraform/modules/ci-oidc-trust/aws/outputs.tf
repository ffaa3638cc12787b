output "principal" {
  description = "What the workflow signs in as: IAM role ARN, managed identity client id, or service account email."
  value       = aws_iam_role.this.arn
}

output "provider" {
  description = "The identity provider the workflow exchanges its token with."
  value       = aws_iam_openid_connect_provider.github.arn
}
