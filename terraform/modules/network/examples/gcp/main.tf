# network on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "network" {
  source = "../../gcp"

  name = "example"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  cidr       = "10.20.0.0/16"
  zone_count = 2
}
