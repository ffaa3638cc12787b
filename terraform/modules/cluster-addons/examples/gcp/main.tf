# cluster-addons on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "cluster_addons" {
  source = "../../gcp"

  name = "example-prod"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example/id/EXAMPLE"
    network_id      = "network-id"
    serverless      = false
  }
}
