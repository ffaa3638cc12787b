# kubernetes-cluster on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "kubernetes_cluster" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  kubernetes_version = "1.31"
  network = {
    network_id         = "network-id"
    private_subnet_ids = ["subnet-a", "subnet-b"]
    public_subnet_ids  = ["subnet-c"]
  }
  node_pool = {
    instance_type = "Standard_D4s_v5"
    min_size      = 2
    max_size      = 5
    desired_size  = 3
  }
  serverless = false
}
