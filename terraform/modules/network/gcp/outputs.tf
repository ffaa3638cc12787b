output "network_id" {
  description = "Identifier of the network (VPC id, VNet id or VPC network self link)."
  value       = google_compute_network.this.id

  depends_on = [google_service_networking_connection.this]
}

output "private_subnet_ids" {
  description = "Subnets for workloads and managed data services."
  value       = [google_compute_subnetwork.private.id]
}

output "public_subnet_ids" {
  description = "Subnets for internet-facing load balancers (empty where the cloud needs none)."
  value       = []
}

output "cidr" {
  description = "Address space of the network."
  value       = var.cidr
}
