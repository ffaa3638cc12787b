output "url" {
  description = "In-cluster Loki URL (Grafana's data source)."
  value       = "http://${helm_release.loki.name}.${helm_release.loki.namespace}.svc.cluster.local:3100"
}
