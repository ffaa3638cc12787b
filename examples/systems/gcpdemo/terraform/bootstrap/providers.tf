variable "project_id" {
  type        = string
  description = "GCP project that holds the platform."
}

provider "google" {
  project = var.project_id
  region  = var.region
}

locals {
  context = { region = var.region, project_id = var.project_id, tags = var.tags }
}
