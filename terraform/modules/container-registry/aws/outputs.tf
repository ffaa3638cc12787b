output "registry_url" {
  description = "Registry host (and path prefix) images are pushed to."
  value       = "${data.aws_caller_identity.current.account_id}.dkr.ecr.${var.context.region}.amazonaws.com"
}

output "repository_urls" {
  description = "Repository name to full image URL."
  value       = { for name, repo in aws_ecr_repository.this : name => repo.repository_url }
}
