output "namespace" {
  description = "Namespace of Prometheus, Alertmanager, node-exporter and Grafana."
  value       = module.stack.namespace
}

output "grafana_service" {
  description = "In-cluster Grafana service (namespace/name)."
  value       = module.stack.grafana_service
}

output "prometheus_url" {
  description = "In-cluster Prometheus URL."
  value       = module.stack.prometheus_url
}
