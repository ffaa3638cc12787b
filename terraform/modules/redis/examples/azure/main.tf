# redis on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "redis" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  network = {
    network_id         = "network-id"
    private_subnet_ids = ["subnet-a", "subnet-b"]
    cidr               = "10.20.0.0/16"
  }
  size     = "Standard_C1"
  replicas = 1
}
