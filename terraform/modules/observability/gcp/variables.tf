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
