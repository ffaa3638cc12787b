terraform {
  # Partial configuration: terraform init -backend-config=<environment>.tfbackend
  backend "azurerm" {}
}

variable "subscription_id" {
  type        = string
  description = "Azure subscription of the environment."
}

provider "azurerm" {
  subscription_id = var.subscription_id
  # Storage accounts Forja creates accept Entra ID only (no shared keys).
  storage_use_azuread = true
  features {}
}

# The resource's catalog entity and environment, as the cost backend finds its spend:
# Azure tag names refuse "/": the dashed form (read by Cost Management).
locals {
  cost_tags = {
    "forja-dev-entity"      = var.name
    "forja-dev-environment" = var.environment
  }
}
