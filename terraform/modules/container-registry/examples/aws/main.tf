# container-registry on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "container_registry" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  repositories = ["api", "worker"]
}
