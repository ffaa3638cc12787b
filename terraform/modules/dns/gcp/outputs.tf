output "hosts_domain" {
  description = "The domain this environment's hosts are named under."
  value       = var.hosts_domain
}

output "zone_id" {
  description = "The DNS zone external-dns writes records in."
  value       = data.google_dns_managed_zone.this.id
}

output "tls_issuer" {
  description = "How the hosts' certificates are issued: acm, the cert-manager ClusterIssuer letsencrypt, or managed-certificate; empty without TLS."
  value       = var.tls ? "managed-certificate" : ""
}
