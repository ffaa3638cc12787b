variable "retention_days" {
  type        = number
  description = "How long Tempo keeps traces."
}

variable "storage" {
  type = object({
    bucket        = optional(string, "")
    region        = optional(string, "")
    role_arn      = optional(string, "")
    storage_class = optional(string, "")
  })
  description = "Where traces go: an S3 bucket (with the IRSA role that reaches it), or local blocks on a volume of the storage class. Neither: the pod's ephemeral storage."
}

variable "chart_version" {
  type        = string
  description = "Pinned version of Grafana's single-binary tempo chart."
  default     = "1.16.0"
}

variable "namespace" {
  type        = string
  description = "Namespace of Tempo (the monitoring namespace)."
  default     = "monitoring"
}
