# kubernetes-cluster on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "kubernetes_cluster" {
  source = "../../gcp"

  name = "example"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  kubernetes_version = "1.31"
  network = {
    network_id         = "network-id"
    private_subnet_ids = ["subnet-a", "subnet-b"]
    public_subnet_ids  = ["subnet-c"]
  }
  node_pool = {
    instance_type = "e2-standard-4"
    min_size      = 2
    max_size      = 5
    desired_size  = 3
  }
  serverless = false
}
