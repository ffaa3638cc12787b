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

output "loki_url" {
  description = "In-cluster Loki URL, empty without logs."
  value       = var.logs ? module.loki[0].url : ""
}

output "tempo_url" {
  description = "In-cluster Tempo query URL, empty without traces."
  value       = var.traces ? module.tempo[0].url : ""
}

output "otlp_endpoint" {
  description = "Where workloads send OTLP traces (gRPC), empty without traces."
  value       = var.traces ? module.tempo[0].otlp_endpoint : ""
}
