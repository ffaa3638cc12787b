output "cluster_name" {
  description = "The module's cluster_name."
  value       = module.kubernetes_cluster.cluster_name
}

output "endpoint" {
  description = "The module's endpoint."
  value       = module.kubernetes_cluster.endpoint
}

output "ca_certificate" {
  description = "The module's ca_certificate."
  value       = module.kubernetes_cluster.ca_certificate
}

output "oidc_issuer_url" {
  description = "The module's oidc_issuer_url."
  value       = module.kubernetes_cluster.oidc_issuer_url
}
