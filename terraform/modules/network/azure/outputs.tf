output "network_id" {
  description = "Identifier of the network (VPC id, VNet id or VPC network self link)."
  value       = azurerm_virtual_network.this.id
}

output "private_subnet_ids" {
  description = "Subnets for workloads and managed data services."
  value       = [azurerm_subnet.private.id, azurerm_subnet.data.id]
}

output "public_subnet_ids" {
  description = "Subnets for internet-facing load balancers (empty where the cloud needs none)."
  value       = [azurerm_subnet.public.id]
}

output "cidr" {
  description = "Address space of the network."
  value       = var.cidr
}
