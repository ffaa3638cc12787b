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

variable "repositories" {
  type        = list(string)
  description = "Image repositories, one per service."

  validation {
    condition     = alltrue([for r in var.repositories : can(regex("^[a-z0-9][a-z0-9._/-]{0,127}$", r))])
    error_message = "repository names must be lowercase and at most 128 characters."
  }
}
