# GKE brings its own pieces: the GKE Ingress controller (classes gce and gce-internal),
# metrics-server, node autoscaling and the standard-rwo StorageClass. What it lacks for
# generated services is External Secrets Operator reading Secret Manager.

locals {
  # Service account ids: 6-30 characters.
  eso_account_id = "${substr(var.name, 0, 30 - length("-eso"))}-eso"
}

resource "google_service_account" "external_secrets" {
  project      = var.context.project_id
  account_id   = local.eso_account_id
  display_name = "External Secrets Operator of ${var.name}"
}

resource "google_service_account_iam_member" "external_secrets_workload_identity" {
  service_account_id = google_service_account.external_secrets.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.context.project_id}.svc.id.goog[external-secrets/external-secrets]"
}

# Only the secrets of this environment's services: an IAM condition on the secret name.
resource "google_project_iam_member" "external_secrets_reads_secrets" {
  project = var.context.project_id
  role    = "roles/secretmanager.secretAccessor"
  member  = "serviceAccount:${google_service_account.external_secrets.email}"

  condition {
    title      = "${var.name} services"
    expression = "resource.name.startsWith(\"projects/${data.google_project.this.number}/secrets/${var.name}-\")"
  }
}

data "google_project" "this" {
  project_id = var.context.project_id
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  namespace        = "external-secrets"
  create_namespace = true
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.chart_versions.external_secrets
  atomic           = true

  values = [jsonencode({
    installCRDs    = true
    serviceAccount = { create = true, name = "external-secrets" }
  })]

  set {
    name  = "serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account"
    value = google_service_account.external_secrets.email
  }

  depends_on = [google_service_account_iam_member.external_secrets_workload_identity]
}
