# message-broker on gcp: the smallest complete use of the contract.
provider "google" {
  project = "example-project"
  region  = "southamerica-east1"
}

module "message_broker" {
  source = "../../gcp"

  name = "example"
  context = {
    region     = "southamerica-east1"
    project_id = "example-project"
    tags       = { team = "platform" }
  }
  network = {
    network_id         = "network-id"
    private_subnet_ids = ["subnet-a", "subnet-b"]
    cidr               = "10.20.0.0/16"
  }
  kind   = "queue"
  queues = ["orders", "payments"]
}
