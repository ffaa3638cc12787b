resource "google_storage_bucket" "this" {
  name                        = "${var.name}-tfstate"
  project                     = var.context.project_id
  location                    = var.context.region
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = var.context.tags

  versioning {
    enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}
