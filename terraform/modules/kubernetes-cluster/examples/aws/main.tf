# kubernetes-cluster on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "kubernetes_cluster" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  kubernetes_version = "1.31"
  network = {
    network_id         = "network-id"
    private_subnet_ids = ["subnet-a", "subnet-b"]
    public_subnet_ids  = ["subnet-c"]
  }
  node_pool = {
    instance_type = "m6i.large"
    min_size      = 2
    max_size      = 5
    desired_size  = 3
  }
  serverless = false
}
