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

output "network" {
  description = "The network, as the module contracts take it (for terraform_remote_state consumers such as add-resource)."
  value = {
    network_id         = module.network.network_id
    private_subnet_ids = module.network.private_subnet_ids
    cidr               = module.network.cidr
  }
}

output "context" {
  description = "Region, resource group or project, and tags resources of this environment go in."
  value       = local.context
}

output "secret_store_id" {
  description = "Where services' secrets are written when the cloud has several stores (the Azure Key Vault); for add-resource."
  value       = module.addons.secret_store_id
}
