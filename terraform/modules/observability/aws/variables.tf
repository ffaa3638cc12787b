variable "name" {
  type        = string
  description = "Name prefix for every resource this module creates (DNS-1123 label)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of 3 to 40 characters."
  }
}

variable "context" {
  type = object({
    region              = string
    resource_group_name = optional(string)
    project_id          = optional(string)
    tags                = optional(map(string), {})
  })
  description = "Where resources go: region, plus the Azure resource group or GCP project, and tags or labels."
}

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

variable "serverless" {
  type        = bool
  description = "Pods run without nodes of their own (EKS Fargate, GKE Autopilot): no node-exporter, and on Fargate no volumes."
  default     = false
}

variable "logs" {
  type        = bool
  description = "Loki for logs, fed by Grafana Alloy, as a Grafana data source."
  default     = false
}

variable "traces" {
  type        = bool
  description = "Tempo receiving OTLP traces, as a Grafana data source."
  default     = false
}

variable "oidc_issuer_url" {
  type        = string
  description = "The cluster's service account token issuer: on AWS, Loki's and Tempo's IRSA roles trust it to reach their S3 buckets (other clouds keep logs and traces on volumes)."
  default     = ""
}

variable "alert_receivers" {
  type = list(object({
    name     = string
    type     = string
    channel  = optional(string)
    severity = optional(string, "critical")
  }))
  description = "Alertmanager receivers: slack (with its channel), pagerduty or webhook; each gets the alerts of its severity (critical, warning, info) and above."
  default     = []

  validation {
    condition     = alltrue([for r in var.alert_receivers : contains(["slack", "pagerduty", "webhook"], r.type) && contains(["critical", "warning", "info"], r.severity)])
    error_message = "a receiver's type is slack, pagerduty or webhook, and its severity critical, warning or info."
  }
}

variable "alert_receiver_secrets" {
  type        = map(string)
  description = "Per receiver name: its Slack webhook URL, PagerDuty routing key or webhook URL."
  default     = {}
  sensitive   = true
}
