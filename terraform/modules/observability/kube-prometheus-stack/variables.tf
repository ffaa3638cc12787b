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
