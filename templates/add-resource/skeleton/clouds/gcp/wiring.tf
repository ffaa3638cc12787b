# The resource's wiring: its connection settings in Secret Manager, read by the service's
# <name>-connection ExternalSecret, and access for the service's Google service account
# (created by the platform's service-wiring) to its Pub/Sub topics or bucket. Counted, not
# keyed: the ids are known only after apply.

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
  count = length(local.binding.resources)

  project = var.project_id
  topic   = local.binding.resources[count.index]
  role    = "roles/pubsub.publisher"
  member  = "serviceAccount:${local.service_account}"
}

resource "google_pubsub_topic_iam_member" "subscriber" {
  count = length(local.binding.resources)

  project = var.project_id
  topic   = local.binding.resources[count.index]
  role    = "roles/pubsub.subscriber"
  member  = "serviceAccount:${local.service_account}"
}

resource "google_storage_bucket_iam_member" "object_user" {
  count = length(local.binding.buckets)

  bucket = local.binding.buckets[count.index]
  role   = "roles/storage.objectUser"
  member = "serviceAccount:${local.service_account}"
}
