provider "azurerm" {
  subscription_id = var.subscription_id
  features {}
}

resource "azurerm_resource_group" "this" {
  name     = var.name
  location = var.region
  tags     = var.tags
}

locals {
  context = { region = var.region, resource_group_name = azurerm_resource_group.this.name, tags = var.tags }
}
