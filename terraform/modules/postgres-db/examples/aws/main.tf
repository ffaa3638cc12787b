# postgres-db on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "postgres_db" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  network = {
    network_id         = "network-id"
    private_subnet_ids = ["subnet-a", "subnet-b"]
    cidr               = "10.20.0.0/16"
  }
  size              = "db.t4g.medium"
  storage_gb        = 50
  high_availability = true
  database_name     = "app"
}
