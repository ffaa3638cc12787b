resource "helm_release" "this" {
  name             = "kube-prometheus-stack"
  namespace        = "monitoring"
  create_namespace = true
  repository       = "https://prometheus-community.github.io/helm-charts"
  chart            = "kube-prometheus-stack"
  version          = var.chart_version
  atomic           = true
  timeout          = 900

  values = [yamlencode({
    commonLabels = var.labels
    nodeExporter = { enabled = true }
    grafana = {
      enabled                  = true
      persistence              = { enabled = true, storageClassName = var.storage_class, size = "10Gi" }
      defaultDashboardsEnabled = true
    }
    prometheus = {
      prometheusSpec = {
        retention                               = "${var.retention_days}d"
        serviceMonitorSelectorNilUsesHelmValues = false
        ruleSelectorNilUsesHelmValues           = false
        storageSpec = {
          volumeClaimTemplate = {
            spec = {
              storageClassName = var.storage_class
              accessModes      = ["ReadWriteOnce"]
              resources        = { requests = { storage = "${var.storage_gb}Gi" } }
            }
          }
        }
      }
    }
  })]
}
