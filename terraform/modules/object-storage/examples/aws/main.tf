# object-storage on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "object_storage" {
  source = "../../aws"

  name = "example-media"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
}
