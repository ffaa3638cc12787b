# observability on azure: the smallest complete use of the contract.
provider "helm" {
  kubernetes {
    config_path = "~/.kube/config"
  }
}

module "observability" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  retention_days = 15
}
