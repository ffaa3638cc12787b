variable "subscription_id" {
  type        = string
  description = "Azure subscription that holds the environment."
}

provider "azurerm" {
  subscription_id = var.subscription_id
  features {}
}

provider "helm" {
  kubernetes {
    host                   = module.cluster.endpoint
    cluster_ca_certificate = base64decode(module.cluster.ca_certificate)

    exec {
      api_version = "client.authentication.k8s.io/v1beta1"
      command     = "kubelogin"
      args        = ["get-token", "--login", "azurecli", "--server-id", "6dae42f8-4368-4678-94ff-3960e28e3630"]
    }
  }
}

resource "azurerm_resource_group" "this" {
  name     = local.name
  location = var.region
  # Azure tag names refuse "/": the dashed form of forja.dev/environment.
  tags = merge(var.tags, { "forja-dev-environment" = var.environment })
}

locals {
  context = { region = var.region, resource_group_name = azurerm_resource_group.this.name, tags = var.tags }
  # Each catalog Resource's context (see main.tf), tagged as the cost backend finds its
  # spend: Azure tag names refuse "/", so the dashed form, read by Cost Management.
  contexts = {
    for part in local.resource_parts : part => {
      region              = var.region
      resource_group_name = azurerm_resource_group.this.name
      tags = merge(var.tags, {
        "forja-dev-entity"      = "${local.name}-${part}"
        "forja-dev-environment" = var.environment
      })
    }
  }
}
