output "endpoint" {
  description = "Primary endpoint host name."
  value       = google_redis_instance.this.host
}

output "port" {
  description = "TLS port."
  value       = google_redis_instance.this.port
}

output "auth_token" {
  description = "What a client authenticates with (the Azure Cache access key); empty where the network and TLS alone admit clients."
  value       = ""
  sensitive   = true
}
