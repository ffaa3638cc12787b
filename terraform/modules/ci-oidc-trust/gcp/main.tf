resource "google_iam_workload_identity_pool" "this" {
  project                   = var.context.project_id
  workload_identity_pool_id = "${var.name}-github"
  display_name              = "GitHub Actions"
}

resource "google_iam_workload_identity_pool_provider" "this" {
  project                            = var.context.project_id
  workload_identity_pool_id          = google_iam_workload_identity_pool.this.workload_identity_pool_id
  workload_identity_pool_provider_id = "github"
  attribute_condition                = "assertion.repository == \"${var.github_repository}\""
  attribute_mapping = {
    "google.subject"       = "assertion.sub"
    "attribute.repository" = "assertion.repository"
  }

  oidc {
    issuer_uri = "https://token.actions.githubusercontent.com"
  }
}

resource "google_service_account" "this" {
  project      = var.context.project_id
  account_id   = substr("${var.name}-github", 0, 30)
  display_name = "GitHub Actions for ${var.github_repository}"
}

resource "google_service_account_iam_member" "workload_identity" {
  for_each = toset(concat([for e in var.environments : "environment:${e}"], ["pull_request"]))

  service_account_id = google_service_account.this.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "principal://iam.googleapis.com/${google_iam_workload_identity_pool.this.name}/subject/repo:${var.github_repository}:${each.key}"
}

resource "google_project_iam_member" "this" {
  for_each = toset(var.roles)

  project = var.context.project_id
  role    = each.value
  member  = "serviceAccount:${google_service_account.this.email}"
}
