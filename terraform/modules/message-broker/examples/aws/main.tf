# message-broker on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "message_broker" {
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
  kind   = "queue"
  queues = ["orders", "payments"]
}
