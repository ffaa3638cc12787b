output "network_id" {
  description = "The module's network_id."
  value       = module.network.network_id
}

output "private_subnet_ids" {
  description = "The module's private_subnet_ids."
  value       = module.network.private_subnet_ids
}

output "public_subnet_ids" {
  description = "The module's public_subnet_ids."
  value       = module.network.public_subnet_ids
}

output "cidr" {
  description = "The module's cidr."
  value       = module.network.cidr
}
