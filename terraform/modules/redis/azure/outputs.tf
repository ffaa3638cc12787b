output "endpoint" {
  description = "Primary endpoint host name."
  value       = azurerm_redis_cache.this.hostname
}

output "port" {
  description = "TLS port."
  value       = azurerm_redis_cache.this.ssl_port
}
