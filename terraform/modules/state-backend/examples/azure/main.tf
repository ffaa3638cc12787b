# state-backend on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "state_backend" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
}
