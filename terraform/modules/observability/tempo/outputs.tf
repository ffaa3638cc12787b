output "url" {
  description = "In-cluster Tempo query URL (Grafana's data source)."
  value       = "http://${helm_release.tempo.name}.${helm_release.tempo.namespace}.svc.cluster.local:3100"
}

output "otlp_endpoint" {
  description = "Where workloads send traces (OTLP over gRPC)."
  value       = "http://${helm_release.tempo.name}.${helm_release.tempo.namespace}.svc.cluster.local:4317"
}
