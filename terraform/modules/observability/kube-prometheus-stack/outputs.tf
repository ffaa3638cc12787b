output "namespace" {
  description = "Namespace of Prometheus, Alertmanager, node-exporter and Grafana."
  value       = helm_release.this.namespace
}

output "grafana_service" {
  description = "In-cluster Grafana service (namespace/name)."
  value       = "${helm_release.this.namespace}/${helm_release.this.name}-grafana"
}

output "prometheus_url" {
  description = "In-cluster Prometheus URL."
  value       = "http://${helm_release.this.name}-prometheus.${helm_release.this.namespace}.svc:9090"
}
