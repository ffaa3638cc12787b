provider "aws" {
  region = var.region

  default_tags {
    tags = var.tags
  }
}

locals {
  context = { region = var.region, tags = var.tags }
}
