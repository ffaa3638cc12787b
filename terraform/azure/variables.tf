variable "name" {
  type        = string
  description = "Name prefix of every resource."
  default     = "forja"

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,14}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of 3 to 16 characters."
  }
}

variable "region" {
  type        = string
  description = "Cloud region."
  default     = "eastus"
}

variable "tags" {
  type        = map(string)
  description = "Tags (labels on GCP) added to every resource."
  default     = { "managed-by" = "terraform", "app" = "forja" }
}

variable "subscription_id" {
  type        = string
  description = "Azure subscription that holds Forja."
}

variable "network_cidr" {
  type        = string
  description = "Address space of Forja's network."
  default     = "10.60.0.0/16"
}

variable "cluster" {
  type = object({
    kubernetes_version = string
    node_pool = object({
      instance_type = string
      min_size      = number
      max_size      = number
      desired_size  = number
      disk_gb       = optional(number, 50)
    })
  })
  description = "The Kubernetes cluster Forja runs in: version and its node pool."
}

variable "postgres" {
  type = object({
    size              = string
    storage_gb        = number
    high_availability = bool
    engine_version    = optional(string, "16")
  })
  description = "Forja's PostgreSQL (one database per plugin, created by the backend)."
}

variable "redis" {
  type = object({
    size     = string
    replicas = number
  })
  description = "The Redis cache the backend replicas share."
}

variable "github_repository" {
  type        = string
  description = "The repository (owner/name) whose deploy workflow signs in by OIDC."
  default     = "forja-dev/forja"
}

variable "deploy_environments" {
  type        = list(string)
  description = "GitHub Environments whose jobs may push images and deploy."
  default     = ["dev", "staging", "prod"]
}
