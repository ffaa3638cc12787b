resource "terraform_data" "contract" {
  lifecycle {
    precondition {
      condition     = var.kind == "queue"
      error_message = "GCP has no managed RabbitMQ: use kind = \"queue\" (Pub/Sub) or RabbitMQ in-cluster."
    }
  }
}

resource "google_pubsub_topic" "this" {
  for_each = toset(var.queues)

  name    = "${var.name}-${each.key}"
  project = var.context.project_id
  labels  = var.context.tags
}

resource "google_pubsub_subscription" "this" {
  for_each = toset(var.queues)

  name                 = "${var.name}-${each.key}"
  project              = var.context.project_id
  topic                = google_pubsub_topic.this[each.key].id
  ack_deadline_seconds = 30
  labels               = var.context.tags
}
