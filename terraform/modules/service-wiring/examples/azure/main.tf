# service-wiring on azure: the smallest complete use of the contract.
provider "azurerm" {
  features {}
}

module "service_wiring" {
  source = "../../azure"

  name = "orders-api"
  context = {
    region              = "brazilsouth"
    resource_group_name = "example-rg"
    tags                = { team = "platform" }
  }
  platform = "example-prod"
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example/id/EXAMPLE"
  }
  deployment = {
    environment = "prod"
    namespace   = "orders"
    repo_url    = "https://github.com/acme/orders-api.git"
    path        = "k8s/overlays/prod"
    prune       = false
  }
  bindings = {
    postgres = {
      env       = { DATABASE_URL = "postgresql://app:secret@db.internal:5432/app" }
      resources = []
    }
  }
  secret_store_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/example-rg/providers/Microsoft.KeyVault/vaults/example-prod"
}
