# service-wiring on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "service_wiring" {
  source = "../../gcp"

  name = "orders-api"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
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
