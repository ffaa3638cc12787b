# network on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "network" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  cidr       = "10.20.0.0/16"
  zone_count = 2
}
