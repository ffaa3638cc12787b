# service-wiring on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "service_wiring" {
  source = "../../aws"

  name = "orders-api"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
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
  secret_store_id = ""
}
