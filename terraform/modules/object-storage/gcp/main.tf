# A private GCS bucket with uniform bucket-level access, versioned; old versions expire
# after the retention.
resource "google_storage_bucket" "this" {
  name                        = trimsuffix(substr("${var.name}-${var.context.project_id}", 0, 63), "-")
  project                     = var.context.project_id
  location                    = var.context.region
  storage_class               = "STANDARD"
  uniform_bucket_level_access = true
  public_access_prevention    = "enforced"
  labels                      = var.context.tags

  versioning {
    enabled = true
  }

  lifecycle_rule {
    condition {
      days_since_noncurrent_time = var.noncurrent_version_days
      with_state                 = "ARCHIVED"
    }
    action {
      type = "Delete"
    }
  }
}
