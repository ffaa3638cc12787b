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

variable "cidr" {
  type        = string
  description = "Address space of the network, for example 10.20.0.0/16."

  validation {
    condition     = can(cidrhost(var.cidr, 0)) && tonumber(split("/", var.cidr)[1]) <= 20
    error_message = "cidr must be an IPv4 CIDR block of /20 or larger."
  }
}

variable "zone_count" {
  type        = number
  description = "Number of availability zones to spread subnets over."
  default     = 2

  validation {
    condition     = var.zone_count >= 1 && var.zone_count <= 3
    error_message = "zone_count must be between 1 and 3."
  }
}
