# state-backend on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "state_backend" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
}
