output "network_id" {
  description = "Identifier of the network (VPC id, VNet id or VPC network self link)."
  value       = aws_vpc.this.id
}

output "private_subnet_ids" {
  description = "Subnets for workloads and managed data services."
  value       = aws_subnet.private[*].id
}

output "public_subnet_ids" {
  description = "Subnets for internet-facing load balancers (empty where the cloud needs none)."
  value       = aws_subnet.public[*].id
}

output "cidr" {
  description = "Address space of the network."
  value       = var.cidr
}
