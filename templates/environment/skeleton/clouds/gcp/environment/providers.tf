variable "project_id" {
  type        = string
  description = "GCP project that holds the environment."
}

provider "google" {
  project        = var.project_id
  region         = var.region
  default_labels = merge(var.tags, { "forja-dev-environment" = var.environment })
}

data "google_client_config" "this" {}

provider "helm" {
  kubernetes {
    host                   = module.cluster.endpoint
    cluster_ca_certificate = base64decode(module.cluster.ca_certificate)
    token                  = data.google_client_config.this.access_token
  }
}

locals {
  context = { region = var.region, project_id = var.project_id, tags = var.tags }
}
