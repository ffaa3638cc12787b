resource "google_artifact_registry_repository" "this" {
  repository_id = var.name
  project       = var.context.project_id
  location      = var.context.region
  format        = "DOCKER"
  labels        = var.context.tags

  docker_config {
    immutable_tags = true
  }
}
