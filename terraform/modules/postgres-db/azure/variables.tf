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

variable "engine_version" {
  type        = string
  description = "PostgreSQL major version."
  default     = "16"
}

variable "size" {
  type        = string
  description = "The cloud's instance size: an RDS class (db.t4g.medium), a Flexible Server SKU (GP_Standard_D2ds_v5) or a Cloud SQL tier (db-custom-2-7680)."
}

variable "storage_gb" {
  type        = number
  description = "Allocated storage in GiB."
  default     = 32

  validation {
    condition     = var.storage_gb >= 20 && var.storage_gb <= 16384
    error_message = "storage_gb must be between 20 and 16384."
  }
}

variable "high_availability" {
  type        = bool
  description = "A standby in another zone with automatic failover."
  default     = false
}

variable "database_name" {
  type        = string
  description = "The application database to create."

  validation {
    condition     = can(regex("^[a-z][a-z0-9_]{0,62}$", var.database_name))
    error_message = "database_name must start with a letter and use lowercase letters, digits and underscores."
  }
}

variable "flavor" {
  type        = string
  description = "standard, or aurora for Aurora PostgreSQL (AWS only)."
  default     = "standard"

  validation {
    condition     = contains(["standard", "aurora"], var.flavor)
    error_message = "flavor must be standard or aurora."
  }
}
