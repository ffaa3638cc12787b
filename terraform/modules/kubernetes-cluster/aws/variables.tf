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

variable "kubernetes_version" {
  type        = string
  description = "Kubernetes minor version, for example 1.31."
  default     = "1.31"

  validation {
    condition     = can(regex("^1\\.[0-9]{2}$", var.kubernetes_version))
    error_message = "kubernetes_version must look like 1.31."
  }
}

variable "network" {
  type = object({
    network_id         = string
    private_subnet_ids = list(string)
    public_subnet_ids  = list(string)
  })
  description = "Outputs of the network module the cluster runs in."
}

variable "node_pool" {
  type = object({
    instance_type = string
    min_size      = number
    max_size      = number
    desired_size  = number
    disk_gb       = optional(number, 50)
  })
  description = "The cluster's general-purpose node pool (ignored when serverless)."

  validation {
    condition     = var.node_pool.min_size <= var.node_pool.desired_size && var.node_pool.desired_size <= var.node_pool.max_size
    error_message = "node_pool sizes must satisfy min_size <= desired_size <= max_size."
  }
}

variable "serverless" {
  type        = bool
  description = "Run pods without managed nodes: EKS Fargate or GKE Autopilot (not available on AKS)."
  default     = false
}
