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
  features {}
}
