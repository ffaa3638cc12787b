output "hosts_domain" {
  description = "The module's hosts_domain."
  value       = module.dns.hosts_domain
}

output "tls_issuer" {
  description = "The module's tls_issuer."
  value       = module.dns.tls_issuer
}

output "zone_id" {
  description = "The module's zone_id."
  value       = module.dns.zone_id
}
