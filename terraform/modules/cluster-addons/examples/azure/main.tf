# cluster-addons on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "cluster_addons" {
  source = "../../azure"

  name = "example-prod"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example/id/EXAMPLE"
    network_id      = "network-id"
    serverless      = false
  }
}
