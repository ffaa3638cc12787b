# container-registry on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "container_registry" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  repositories = ["api", "worker"]
}
