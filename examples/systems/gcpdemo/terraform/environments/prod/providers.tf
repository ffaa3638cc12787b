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
  # Each catalog Resource's context (see main.tf), labelled as the cost backend finds its
  # spend: GCP label keys allow [a-z0-9_-] only, so the dashed form, in the billing
  # export's labels.
  contexts = {
    for part in local.resource_parts : part => {
      region     = var.region
      project_id = var.project_id
      tags = merge(var.tags, {
        "forja-dev-entity"      = "${local.name}-${part}"
        "forja-dev-environment" = var.environment
      })
    }
  }
}
