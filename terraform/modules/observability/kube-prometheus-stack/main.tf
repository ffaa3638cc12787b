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
    # node-exporter is a DaemonSet on host network and paths: nodes only.
    nodeExporter = { enabled = !var.serverless }
    grafana = {
      enabled = true
      persistence = var.storage_class == "" ? { enabled = false } : {
        enabled = true, storageClassName = var.storage_class, size = "10Gi"
      }
      defaultDashboardsEnabled = true
      # Dashboards generated services ship as ConfigMaps labelled grafana_dashboard, in any namespace.
      sidecar = { dashboards = { enabled = true, label = "grafana_dashboard", searchNamespace = "ALL" } }
    }
    prometheus = {
      prometheusSpec = merge(
        {
          retention                               = "${var.retention_days}d"
          serviceMonitorSelectorNilUsesHelmValues = false
          ruleSelectorNilUsesHelmValues           = false
        },
        # Without a storage class (EKS Fargate mounts no EBS), Prometheus keeps its data on
        # the pod's ephemeral storage for the retention period.
        var.storage_class == "" ? {} : {
          storageSpec = {
            volumeClaimTemplate = {
              spec = {
                storageClassName = var.storage_class
                accessModes      = ["ReadWriteOnce"]
                resources        = { requests = { storage = "${var.storage_gb}Gi" } }
              }
            }
          }
        },
      )
    }
  })]
}
