# dns on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "dns" {
  source = "../../gcp"

  name = "example"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example.test/id/EXAMPLE"
  }
  zone         = { domain = "example.com", managed_zone = "example-com" }
  hosts_domain = "example.com"
}
