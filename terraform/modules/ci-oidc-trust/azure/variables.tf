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

variable "github_repository" {
  type        = string
  description = "The GitHub repository (owner/name) whose workflows may sign in."

  validation {
    condition     = can(regex("^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$", var.github_repository))
    error_message = "github_repository must be owner/name."
  }
}

variable "environments" {
  type        = list(string)
  description = "GitHub Environments whose jobs may sign in (the deploy jobs); pull requests may sign in to plan."
}

variable "roles" {
  type        = list(string)
  description = "What the workflows may do: IAM policy ARNs, Azure role definition names, or GCP roles."
}
