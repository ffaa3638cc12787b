terraform {
  # Partial configuration: terraform init -backend-config=<environment>.tfbackend
  backend "s3" {}
}

provider "aws" {
  region = var.region
}
