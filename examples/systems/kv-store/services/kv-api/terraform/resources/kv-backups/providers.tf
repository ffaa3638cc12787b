terraform {
  # Partial configuration: terraform init -backend-config=<environment>.tfbackend
  backend "s3" {}
}

provider "aws" {
  region = var.region
}

# The resource's catalog entity and environment, as the cost backend finds its spend:
# AWS tags (activated as cost allocation tags, read by Cost Explorer).
locals {
  cost_tags = {
    "forja.dev/entity"      = var.name
    "forja.dev/environment" = var.environment
  }
}
