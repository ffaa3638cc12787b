locals {
  # Severities a receiver gets: its own and the ones above it.
  severities = {
    critical = "critical"
    warning  = "critical|warning"
    info     = "critical|warning|info"
  }
  # Where each receiver type takes its secret in Alertmanager's configuration.
  secret_fields = {
    slack     = "slack_configs[0].api_url"
    pagerduty = "pagerduty_configs[0].routing_key"
    webhook   = "webhook_configs[0].url"
  }
  receiver_configs = {
    slack     = { slack_configs = [{ send_resolved = true }] }
    pagerduty = { pagerduty_configs = [{ send_resolved = true }] }
    webhook   = { webhook_configs = [{ send_resolved = true }] }
  }
  receivers = [for r in var.alert_receivers : merge(
    { name = r.name },
    r.type == "slack" ? { slack_configs = [{ send_resolved = true, channel = r.channel }] } : local.receiver_configs[r.type],
  )]
}

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
      additionalDataSources    = [for d in var.data_sources : merge(d, { access = "proxy" })]
      # Dashboards generated services ship as ConfigMaps labelled grafana_dashboard, in any namespace.
      sidecar = { dashboards = { enabled = true, label = "grafana_dashboard", searchNamespace = "ALL" } }
    }
    # The chart's route and "null" receiver (for its Watchdog alert) stay; each receiver
    # gets the alerts of its severity and above. Their secrets are set apart, below.
    alertmanager = length(var.alert_receivers) == 0 ? {} : {
      config = {
        route = {
          routes = concat(
            [{ receiver = "null", matchers = ["alertname = \"Watchdog\""] }],
            [for r in var.alert_receivers : {
              receiver = r.name
              matchers = ["severity =~ \"${local.severities[r.severity]}\""]
              continue = true
            }],
          )
        }
        receivers = concat([{ name = "null" }], local.receivers)
      }
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

  # Receivers' webhook URLs and keys, kept out of the plan's output.
  dynamic "set_sensitive" {
    for_each = var.alert_receivers
    content {
      name  = "alertmanager.config.receivers[${set_sensitive.key + 1}].${local.secret_fields[set_sensitive.value.type]}"
      value = lookup(var.alert_receiver_secrets, set_sensitive.value.name, "")
    }
  }

  lifecycle {
    precondition {
      condition     = alltrue([for r in var.alert_receivers : contains(nonsensitive(keys(var.alert_receiver_secrets)), r.name)])
      error_message = "Every alert receiver needs its secret in alert_receiver_secrets: a Slack webhook URL, a PagerDuty routing key or a webhook URL, keyed by the receiver's name."
    }
  }
}
