output "endpoint" {
  description = "Primary endpoint host name."
  value       = google_redis_instance.this.host
}

output "port" {
  description = "TLS port."
  value       = google_redis_instance.this.port
}
