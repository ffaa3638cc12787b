output "ingress_class" {
  description = "The module's ingress_class."
  value       = module.cluster_addons.ingress_class
}

output "storage_class" {
  description = "The module's storage_class."
  value       = module.cluster_addons.storage_class
}

output "secret_name_prefix" {
  description = "The module's secret_name_prefix."
  value       = module.cluster_addons.secret_name_prefix
}

output "secret_store_id" {
  description = "The module's secret_store_id."
  value       = module.cluster_addons.secret_store_id
}
