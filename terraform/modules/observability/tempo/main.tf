# Tempo (single binary) receiving OTLP over gRPC (4317) and HTTP (4318).
resource "helm_release" "tempo" {
  name             = "tempo"
  namespace        = var.namespace
  create_namespace = true
  repository       = "https://grafana.github.io/helm-charts"
  chart            = "tempo"
  version          = var.chart_version
  atomic           = true

  values = [yamlencode({
    tempo = {
      retention = "${var.retention_days * 24}h"
      storage = {
        trace = var.storage.bucket == "" ? { backend = "local" } : {
          backend = "s3"
          s3 = {
            bucket   = var.storage.bucket
            endpoint = "s3.${var.storage.region}.amazonaws.com"
            region   = var.storage.region
          }
        }
      }
      # OTLP only: the chart's Jaeger and OpenCensus receivers are dropped.
      receivers = {
        otlp = {
          protocols = {
            grpc = { endpoint = "0.0.0.0:4317" }
            http = { endpoint = "0.0.0.0:4318" }
          }
        }
        jaeger     = null
        opencensus = null
      }
    }
    serviceAccount = {
      annotations = var.storage.role_arn == "" ? {} : { "eks.amazonaws.com/role-arn" = var.storage.role_arn }
    }
    persistence = var.storage.storage_class == "" ? { enabled = false } : {
      enabled = true, storageClassName = var.storage.storage_class, size = "20Gi"
    }
  })]
}
