# object-storage on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "object_storage" {
  source = "../../gcp"

  name = "example-media"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
}
