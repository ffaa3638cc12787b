# Applied once, with local state: the bucket holding the state of ../ (backend.tfbackend).
provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

locals {
  context = { region = var.region, tags = var.tags }
}

variable "name" {
  type        = string
  description = "Name prefix of the state bucket."
  default     = "forja"
}

variable "region" {
  type        = string
  description = "Cloud region."
  default     = "us-east-1"
}

variable "tags" {
  type        = map(string)
  description = "Tags (labels on GCP) added to every resource."
  default     = { "managed-by" = "terraform", "app" = "forja" }
}

module "state_backend" {
  source = "../../modules/state-backend/aws"

  name    = var.name
  context = local.context
}

output "backend_config" {
  description = "The values for ../backend.tfbackend."
  value       = module.state_backend.backend_config
}
