terraform {
  # Partial configuration: terraform init -backend-config=<environment>.tfbackend
  backend "gcs" {}
}

variable "project_id" {
  type        = string
  description = "GCP project of the environment."
}

provider "google" {
  project = var.project_id
  region  = var.region
}

# The resource's catalog entity and environment, as the cost backend finds its spend:
# GCP label keys allow [a-z0-9_-] only: the dashed form (in the billing export's labels).
locals {
  cost_tags = {
    "forja-dev-entity"      = var.name
    "forja-dev-environment" = var.environment
  }
}
