# A service's place in the environment: a Google service account its ServiceAccount
# impersonates (GKE workload identity) allowed to use exactly the Pub/Sub topics it
# depends on; its settings and credentials in one Secret Manager secret for External
# Secrets Operator; and its Argo CD project and Application.

locals {
  full_name = "${var.platform}-${var.name}"
  # Service account ids: 6-30 characters; the full name is kept in the display name.
  account_id = trimsuffix(substr(local.full_name, 0, 30), "-")
  topics     = try(var.bindings["queue"].resources, [])
}

resource "google_service_account" "this" {
  project      = var.context.project_id
  account_id   = local.account_id
  display_name = local.full_name
}

resource "google_service_account_iam_member" "workload_identity" {
  service_account_id = google_service_account.this.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.context.project_id}.svc.id.goog[${var.deployment.namespace}/${var.name}]"
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = toset(local.topics)

  project = var.context.project_id
  topic   = each.value
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${google_service_account.this.email}"
}

resource "google_pubsub_topic_iam_member" "subscriber" {
  for_each = toset(local.topics)

  project = var.context.project_id
  topic   = each.value
  role    = "roles/pubsub.subscriber"
  member  = "serviceAccount:${google_service_account.this.email}"
}

resource "google_secret_manager_secret" "this" {
  project   = var.context.project_id
  secret_id = local.full_name
  labels    = var.context.tags

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "this" {
  secret      = google_secret_manager_secret.this.id
  secret_data = jsonencode(merge({}, [for kind in sort(keys(var.bindings)) : var.bindings[kind].env]...))
}

module "argocd" {
  source = "../argocd"

  name                        = var.name
  deployment                  = var.deployment
  service_account_annotations = { "iam.gke.io/gcp-service-account" = google_service_account.this.email }
  chart_version               = var.argocd_apps_chart_version
}
