module "stack" {
  source = "../kube-prometheus-stack"

  retention_days         = var.retention_days
  storage_gb             = var.storage_gb
  chart_version          = var.chart_version
  storage_class          = "managed-csi-premium"
  serverless             = var.serverless
  labels                 = { "forja.dev/environment" = var.name }
  alert_receivers        = var.alert_receivers
  alert_receiver_secrets = var.alert_receiver_secrets
  data_sources = concat(
    var.logs ? [{ name = "Loki", type = "loki", uid = "loki", url = module.loki[0].url }] : [],
    var.traces ? [{ name = "Tempo", type = "tempo", uid = "tempo", url = module.tempo[0].url }] : [],
  )
}

# Logs and traces on volumes of the cluster's storage class.
module "loki" {
  source = "../loki"
  count  = var.logs ? 1 : 0

  retention_days = var.retention_days
  storage        = { storage_class = "managed-csi-premium" }
}

module "tempo" {
  source = "../tempo"
  count  = var.traces ? 1 : 0

  retention_days = var.retention_days
  storage        = { storage_class = "managed-csi-premium" }
}
