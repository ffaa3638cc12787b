variable "name" {
  type        = string
  description = "Name of the platform."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,14}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of at most 16 characters."
  }
}

variable "region" {
  type        = string
  description = "Cloud region of the state backend."
}

variable "tags" {
  type        = map(string)
  description = "Tags (labels on GCP) added to every resource."
  default     = {}
}

variable "github_repository" {
  type        = string
  description = "owner/name of this repository, whose workflows plan and apply by OIDC."
}

variable "environments" {
  type        = list(string)
  description = "GitHub Environments allowed to apply."
}

variable "ci_roles" {
  type        = list(string)
  description = "What the workflows may do (IAM policy ARNs, Azure role names, GCP roles)."
}
