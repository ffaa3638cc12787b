provider "aws" {
  region = var.region

  default_tags {
    tags = merge(var.tags, { "forja.dev/environment" = var.environment })
  }
}

provider "helm" {
  kubernetes {
    host                   = module.cluster.endpoint
    cluster_ca_certificate = base64decode(module.cluster.ca_certificate)

    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "aws"
      args        = ["eks", "get-token", "--cluster-name", module.cluster.cluster_name, "--region", var.region]
    }
  }
}

provider "kubernetes" {
  host                   = module.cluster.endpoint
  cluster_ca_certificate = base64decode(module.cluster.ca_certificate)

  exec {
    api_version = "client.authentication.k8s.io/v1beta1"
    command     = "aws"
    args        = ["eks", "get-token", "--cluster-name", module.cluster.cluster_name, "--region", var.region]
  }
}

locals {
  context = { region = var.region, tags = var.tags }
  # Each catalog Resource's context (see main.tf), tagged as the cost backend finds its
  # spend: AWS tags, activated as cost allocation tags, read by Cost Explorer.
  contexts = {
    for part in local.resource_parts : part => {
      region = var.region
      tags = merge(var.tags, {
        "forja.dev/entity"      = "${local.name}-${part}"
        "forja.dev/environment" = var.environment
      })
    }
  }
}
