output "cluster_name" {
  description = "Name of the cluster."
  value       = google_container_cluster.this.name
}

output "endpoint" {
  description = "HTTPS endpoint of the Kubernetes API server."
  value       = "https://${google_container_cluster.this.endpoint}"
}

output "ca_certificate" {
  description = "Base64-encoded CA certificate of the API server."
  value       = google_container_cluster.this.master_auth[0].cluster_ca_certificate
}

output "oidc_issuer_url" {
  description = "OIDC issuer of the cluster's service account tokens (IRSA, workload identity)."
  value       = "https://container.googleapis.com/v1/${google_container_cluster.this.id}"
}
