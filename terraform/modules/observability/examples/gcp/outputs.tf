output "namespace" {
  description = "The module's namespace."
  value       = module.observability.namespace
}

output "grafana_service" {
  description = "The module's grafana_service."
  value       = module.observability.grafana_service
}

output "prometheus_url" {
  description = "The module's prometheus_url."
  value       = module.observability.prometheus_url
}
