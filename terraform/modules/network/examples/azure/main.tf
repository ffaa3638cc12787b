# network on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "network" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  cidr       = "10.20.0.0/16"
  zone_count = 2
}
