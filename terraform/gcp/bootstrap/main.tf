# Applied once, with local state: the bucket holding the state of ../ (backend.tfbackend).
provider "google" {
  project = var.project_id
  region  = var.region
}

locals {
  context = { region = var.region, project_id = var.project_id, tags = var.tags }
}

variable "name" {
  type        = string
  description = "Name prefix of the state bucket."
  default     = "forja"
}

variable "region" {
  type        = string
  description = "Cloud region."
  default     = "us-central1"
}

variable "tags" {
  type        = map(string)
  description = "Tags (labels on GCP) added to every resource."
  default     = { "managed-by" = "terraform", "app" = "forja" }
}

variable "project_id" {
  type        = string
  description = "Google Cloud project that holds Forja."
}

module "state_backend" {
  source = "../../modules/state-backend/gcp"

  name    = var.name
  context = local.context
}

output "backend_config" {
  description = "The values for ../backend.tfbackend."
  value       = module.state_backend.backend_config
}
