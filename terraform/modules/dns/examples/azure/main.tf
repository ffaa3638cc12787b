# dns on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "dns" {
  source = "../../azure"

  name = "example"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example.test/id/EXAMPLE"
  }
  zone         = { domain = "example.com", resource_group = "dns-rg" }
  hosts_domain = "example.com"
}
