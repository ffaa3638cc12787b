# ci-oidc-trust on aws: the smallest complete use of the contract.
provider "aws" {
  region = "sa-east-1"
}

module "ci_oidc_trust" {
  source = "../../aws"

  name = "example"
  context = {
    region = "sa-east-1"
    tags   = { team = "platform" }
  }
  github_repository = "acme/platform"
  environments      = ["staging", "prod"]
  roles             = ["arn:aws:iam::aws:policy/ReadOnlyAccess"]
}
