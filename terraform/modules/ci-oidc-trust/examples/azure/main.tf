# ci-oidc-trust on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "ci_oidc_trust" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  github_repository = "acme/platform"
  environments      = ["staging", "prod"]
  roles             = ["Reader"]
}
