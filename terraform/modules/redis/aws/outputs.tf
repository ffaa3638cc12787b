output "endpoint" {
  description = "Primary endpoint host name."
  value       = aws_elasticache_replication_group.this.primary_endpoint_address
}

output "port" {
  description = "TLS port."
  value       = 6379
}

output "auth_token" {
  description = "What a client authenticates with (the Azure Cache access key); empty where the network and TLS alone admit clients."
  value       = ""
  sensitive   = true
}
