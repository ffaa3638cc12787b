variable "retention_days" {
  type        = number
  description = "How long Loki keeps logs."
}

variable "storage" {
  type = object({
    bucket        = optional(string, "")
    region        = optional(string, "")
    role_arn      = optional(string, "")
    storage_class = optional(string, "")
  })
  description = "Where logs go: an S3 bucket (with the IRSA role that reaches it), or the filesystem on a volume of the storage class. Neither volume nor bucket: the pod's ephemeral storage."
}

variable "chart_versions" {
  type = object({
    loki  = optional(string, "6.23.0")
    alloy = optional(string, "0.10.1")
  })
  description = "Pinned chart versions of Loki and Grafana Alloy."
  default     = {}
}

variable "namespace" {
  type        = string
  description = "Namespace of Loki and Alloy (the monitoring namespace)."
  default     = "monitoring"
}
