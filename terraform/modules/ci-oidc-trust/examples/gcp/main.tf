# ci-oidc-trust on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "ci_oidc_trust" {
  source = "../../gcp"

  name = "example"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  github_repository = "acme/platform"
  environments      = ["staging", "prod"]
  roles             = ["roles/viewer"]
}
