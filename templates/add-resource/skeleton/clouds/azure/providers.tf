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
