variable "retention_days" {
  type        = number
  description = "How long Prometheus keeps metrics."
  default     = 15
}

variable "storage_gb" {
  type        = number
  description = "Persistent volume size for Prometheus."
  default     = 50
}

variable "chart_version" {
  type        = string
  description = "kube-prometheus-stack chart version."
  default     = "65.1.1"
}

variable "storage_class" {
  type        = string
  description = "Storage class for Prometheus and Grafana volumes; empty for none (data on the pod's ephemeral storage)."
}

variable "serverless" {
  type        = bool
  description = "Pods run without nodes of their own (EKS Fargate, GKE Autopilot): no node-exporter DaemonSet."
  default     = false
}

variable "labels" {
  type        = map(string)
  description = "Labels added to every object the chart creates."
  default     = {}
}

variable "data_sources" {
  type = list(object({
    name = string
    type = string
    uid  = string
    url  = string
  }))
  description = "Grafana data sources beside Prometheus (Loki, Tempo)."
  default     = []
}

variable "alert_receivers" {
  type = list(object({
    name     = string
    type     = string
    channel  = optional(string)
    severity = string
  }))
  description = "Alertmanager receivers: slack, pagerduty or webhook, each getting alerts of its severity and above."
  default     = []
}

variable "alert_receiver_secrets" {
  type        = map(string)
  description = "Per receiver name: its Slack webhook URL, PagerDuty routing key or webhook URL."
  default     = {}
  sensitive   = true
}
