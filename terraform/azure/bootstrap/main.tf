# Applied once, with local state: the bucket holding the state of ../ (backend.tfbackend).
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

variable "name" {
  type        = string
  description = "Name prefix of the state bucket."
  default     = "forja"
}

variable "region" {
  type        = string
  description = "Cloud region."
  default     = "eastus"
}

variable "tags" {
  type        = map(string)
  description = "Tags (labels on GCP) added to every resource."
  default     = { "managed-by" = "terraform", "app" = "forja" }
}

variable "subscription_id" {
  type        = string
  description = "Azure subscription that holds Forja."
}

module "state_backend" {
  source = "../../modules/state-backend/azure"

  name    = var.name
  context = local.context
}

output "backend_config" {
  description = "The values for ../backend.tfbackend."
  value       = module.state_backend.backend_config
}
