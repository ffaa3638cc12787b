output "registry_url" {
  description = "Registry host (and path prefix) images are pushed to."
  value       = "${var.context.region}-docker.pkg.dev/${var.context.project_id}/${google_artifact_registry_repository.this.repository_id}"
}

output "repository_urls" {
  description = "Repository name to full image URL."
  value       = { for name in var.repositories : name => "${var.context.region}-docker.pkg.dev/${var.context.project_id}/${google_artifact_registry_repository.this.repository_id}/${name}" }
}
