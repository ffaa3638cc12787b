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

variable "network" {
  type = object({
    network_id         = string
    private_subnet_ids = list(string)
    cidr               = string
  })
  description = "Outputs of the network module; the service is reachable only from inside it."
}

variable "size" {
  type        = string
  description = "The cloud's cache size: an ElastiCache node type (cache.t4g.small), an Azure Cache SKU as <sku>_<family><capacity> (Standard_C1), or a Memorystore size in GiB (1)."
}

variable "replicas" {
  type        = number
  description = "Read replicas; 1 or more also turns on automatic failover."
  default     = 1

  validation {
    condition     = var.replicas >= 0 && var.replicas <= 5
    error_message = "replicas must be between 0 and 5."
  }
}
