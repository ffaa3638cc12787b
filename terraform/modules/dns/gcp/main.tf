# external-dns keeps Cloud DNS records for the cluster's Ingress hosts, as a Google service
# account its Kubernetes service account impersonates (GKE workload identity). Certificates,
# with TLS, are Google-managed: each service declares its ManagedCertificate.

data "google_dns_managed_zone" "this" {
  name    = var.zone.managed_zone
  project = var.context.project_id
}

resource "google_service_account" "external_dns" {
  project      = var.context.project_id
  account_id   = trimsuffix(substr("${var.name}-external-dns", 0, 30), "-")
  display_name = "external-dns of ${var.name}"
}

# The role external-dns's GKE tutorial grants.
resource "google_project_iam_member" "external_dns" {
  project = var.context.project_id
  role    = "roles/dns.admin"
  member  = "serviceAccount:${google_service_account.external_dns.email}"
}

resource "google_service_account_iam_member" "external_dns" {
  service_account_id = google_service_account.external_dns.name
  role               = "roles/iam.workloadIdentityUser"
  member             = "serviceAccount:${var.context.project_id}.svc.id.goog[external-dns/external-dns]"
}

resource "helm_release" "external_dns" {
  name             = "external-dns"
  namespace        = "external-dns"
  create_namespace = true
  repository       = "https://kubernetes-sigs.github.io/external-dns/"
  chart            = "external-dns"
  version          = var.chart_versions.external_dns
  atomic           = true

  values = [
    yamlencode({
      provider      = { name = "google" }
      domainFilters = [var.zone.domain]
      policy        = "upsert-only"
      sources       = ["ingress", "service"]
      extraArgs     = ["--google-project=${var.context.project_id}", "--google-zone-visibility=public"]
    }),
    # Known only at apply (the cluster's name): apart, so the first stays readable.
    yamlencode({ txtOwnerId = var.cluster.name }),
  ]

  set {
    name  = "serviceAccount.annotations.iam\\.gke\\.io/gcp-service-account"
    value = google_service_account.external_dns.email
  }

  depends_on = [google_service_account_iam_member.external_dns, google_project_iam_member.external_dns]
}
