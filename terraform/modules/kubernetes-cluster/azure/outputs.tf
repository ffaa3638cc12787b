output "cluster_name" {
  description = "Name of the cluster."
  value       = azurerm_kubernetes_cluster.this.name
}

output "endpoint" {
  description = "HTTPS endpoint of the Kubernetes API server."
  value       = azurerm_kubernetes_cluster.this.kube_config[0].host
}

output "ca_certificate" {
  description = "Base64-encoded CA certificate of the API server."
  value       = azurerm_kubernetes_cluster.this.kube_config[0].cluster_ca_certificate
}

output "oidc_issuer_url" {
  description = "OIDC issuer of the cluster's service account tokens (IRSA, workload identity)."
  value       = azurerm_kubernetes_cluster.this.oidc_issuer_url
}
