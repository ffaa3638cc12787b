# cluster-addons on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "cluster_addons" {
  source = "../../aws"

  name = "example-prod"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example/id/EXAMPLE"
    network_id      = "network-id"
    serverless      = false
  }
}
