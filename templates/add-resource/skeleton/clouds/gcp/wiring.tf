# The resource's wiring: its connection settings in Secret Manager, read by the service's
# <name>-connection ExternalSecret, and access for the service's Google service account
# (created by the platform's service-wiring) to its Pub/Sub topics.

locals {
  wired_to = "${var.platform}-${var.environment}-${var.service}"
  # The service-wiring module's account id: the first 30 characters.
  service_account = "${trimsuffix(substr(local.wired_to, 0, 30), "-")}@${var.project_id}.iam.gserviceaccount.com"
}

resource "google_secret_manager_secret" "connection" {
  project   = var.project_id
  secret_id = "${local.wired_to}-${var.name}"

  replication {
    auto {}
  }
}

resource "google_secret_manager_secret_version" "connection" {
  secret      = google_secret_manager_secret.connection.id
  secret_data = jsonencode(local.binding.env)
}

resource "google_pubsub_topic_iam_member" "publisher" {
  for_each = toset(local.binding.resources)

  project = var.project_id
  topic   = each.value
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${local.service_account}"
}

resource "google_pubsub_topic_iam_member" "subscriber" {
  for_each = toset(local.binding.resources)

  project = var.project_id
  topic   = each.value
  role    = "roles/pubsub.subscriber"
  member  = "serviceAccount:${local.service_account}"
}
