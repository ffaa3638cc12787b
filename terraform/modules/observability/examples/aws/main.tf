# observability on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

provider "helm" {
  kubernetes {
    config_path = "~/.kube/config"
  }
}

module "observability" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  retention_days = 15
}
