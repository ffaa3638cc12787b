# dns on aws: the smallest complete use of the contract.
provider "helm" {
  kubernetes {
    config_path = "~/.kube/config"
  }
}

provider "aws" {
  region = "sa-east-1"
}

module "dns" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  cluster = {
    name            = "example-prod"
    oidc_issuer_url = "https://oidc.example.test/id/EXAMPLE"
  }
  zone         = { domain = "example.com" }
  hosts_domain = "example.com"
}
