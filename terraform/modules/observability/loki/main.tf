# Loki in single-binary mode, and Grafana Alloy as one Deployment that tails every pod's
# logs through the Kubernetes API (loki.source.kubernetes): no DaemonSet and no host
# paths, so it runs on Fargate and GKE Autopilot as on nodes.

locals {
  object_store = var.storage.bucket == "" ? "filesystem" : "s3"
  push_url     = "http://loki.${var.namespace}.svc.cluster.local:3100/loki/api/v1/push"

  # Alloy's configuration: discover pods, label their streams, tail them, push to Loki.
  alloy_config = <<-EOT
    discovery.kubernetes "pods" {
      role = "pod"
    }

    discovery.relabel "pods" {
      targets = discovery.kubernetes.pods.targets

      rule {
        source_labels = ["__meta_kubernetes_namespace"]
        target_label  = "namespace"
      }

      rule {
        source_labels = ["__meta_kubernetes_pod_label_app_kubernetes_io_name"]
        target_label  = "service"
      }

      rule {
        source_labels = ["__meta_kubernetes_pod_name"]
        target_label  = "pod"
      }

      rule {
        source_labels = ["__meta_kubernetes_pod_container_name"]
        target_label  = "container"
      }
    }

    loki.source.kubernetes "pods" {
      targets    = discovery.relabel.pods.output
      forward_to = [loki.write.default.receiver]
    }

    loki.write "default" {
      endpoint {
        url = "${local.push_url}"
      }
    }
  EOT
}

resource "helm_release" "loki" {
  name             = "loki"
  namespace        = var.namespace
  create_namespace = true
  repository       = "https://grafana.github.io/helm-charts"
  chart            = "loki"
  version          = var.chart_versions.loki
  atomic           = true
  timeout          = 900

  values = [yamlencode({
    deploymentMode = "SingleBinary"
    loki = {
      auth_enabled = false
      commonConfig = { replication_factor = 1 }
      schemaConfig = {
        configs = [{
          from         = "2024-04-01"
          store        = "tsdb"
          object_store = local.object_store
          schema       = "v13"
          index        = { prefix = "loki_index_", period = "24h" }
        }]
      }
      storage = local.object_store == "s3" ? {
        type        = "s3"
        bucketNames = { chunks = var.storage.bucket, ruler = var.storage.bucket, admin = var.storage.bucket }
        s3          = { region = var.storage.region }
      } : { type = "filesystem" }
      limits_config = { retention_period = "${var.retention_days * 24}h" }
      compactor     = { retention_enabled = true, delete_request_store = local.object_store }
    }
    serviceAccount = {
      annotations = var.storage.role_arn == "" ? {} : { "eks.amazonaws.com/role-arn" = var.storage.role_arn }
    }
    singleBinary = {
      replicas = 1
      persistence = var.storage.storage_class == "" ? { enabled = false } : {
        enabled = true, storageClass = var.storage.storage_class, size = "20Gi"
      }
    }
    # The simple-scalable targets, caches, canary and bundled MinIO are off.
    read         = { replicas = 0 }
    write        = { replicas = 0 }
    backend      = { replicas = 0 }
    chunksCache  = { enabled = false }
    resultsCache = { enabled = false }
    lokiCanary   = { enabled = false }
    test         = { enabled = false }
    gateway      = { enabled = false }
    minio        = { enabled = false }
  })]
}

resource "helm_release" "alloy" {
  name       = "alloy"
  namespace  = var.namespace
  repository = "https://grafana.github.io/helm-charts"
  chart      = "alloy"
  version    = var.chart_versions.alloy
  atomic     = true

  values = [yamlencode({
    controller = { type = "deployment", replicas = 1 }
    alloy = {
      configMap = {
        content = local.alloy_config
      }
    }
  })]

  depends_on = [helm_release.loki]
}
