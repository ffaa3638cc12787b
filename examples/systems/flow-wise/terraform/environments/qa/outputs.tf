output "cluster_name" {
  description = "Kubernetes cluster name."
  value       = module.cluster.cluster_name
}

output "cluster_endpoint" {
  description = "Kubernetes API endpoint."
  value       = module.cluster.endpoint
}

output "registry_url" {
  description = "Where images are pushed."
  value       = module.registry.registry_url
}

output "network_id" {
  description = "The environment's network."
  value       = module.network.network_id
}
