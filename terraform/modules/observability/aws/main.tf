module "stack" {
  source = "../kube-prometheus-stack"

  retention_days = var.retention_days
  storage_gb     = var.storage_gb
  chart_version  = var.chart_version
  storage_class  = var.serverless ? "" : "gp3"
  serverless     = var.serverless
  labels         = { "forja.dev/environment" = var.name }
}
