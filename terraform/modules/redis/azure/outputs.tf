output "endpoint" {
  description = "Primary endpoint host name."
  value       = azurerm_redis_cache.this.hostname
}

output "port" {
  description = "TLS port."
  value       = azurerm_redis_cache.this.ssl_port
}

output "auth_token" {
  description = "What a client authenticates with (the Azure Cache access key); empty where the network and TLS alone admit clients."
  value       = azurerm_redis_cache.this.primary_access_key
  sensitive   = true
}
