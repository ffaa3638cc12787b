variable "subscription_id" {
  type        = string
  description = "Azure subscription that holds the platform."
}

provider "azurerm" {
  subscription_id     = var.subscription_id
  storage_use_azuread = true
  features {}
}

resource "azurerm_resource_group" "this" {
  name     = "${var.name}-platform"
  location = var.region
  tags     = var.tags
}

locals {
  context = { region = var.region, resource_group_name = azurerm_resource_group.this.name, tags = var.tags }
}
