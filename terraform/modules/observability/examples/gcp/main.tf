# observability on gcp: the smallest complete use of the contract.
provider "helm" {
  kubernetes {
    config_path = "~/.kube/config"
  }
}

module "observability" {
  source = "../../gcp"

  name = "example"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  retention_days = 15
}
