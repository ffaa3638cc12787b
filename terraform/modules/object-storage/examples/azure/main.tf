# object-storage on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "object_storage" {
  source = "../../azure"

  name = "example-media"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
}
