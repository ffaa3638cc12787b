variable "name" {
  type        = string
  description = "Resource name; cloud resources are named <name>-<environment>."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of at most 40 characters."
  }
}

variable "environment" {
  type        = string
  description = "The environment this apply targets (pass its <environment>.tfvars.json)."
}

variable "region" {
  type        = string
  description = "Cloud region."
}

variable "environment_state" {
  type = object({
    backend = string
    config  = map(string)
  })
  description = "Where the environment's Terraform state is; its network and context outputs place this resource."
}

variable "platform" {
  type        = string
  description = "The platform's name (given to the environment template): with the environment and the service, the prefix of the secret and identity this resource is wired to."
}

variable "service" {
  type        = string
  description = "The service the resource is for (its catalog Component)."
}
