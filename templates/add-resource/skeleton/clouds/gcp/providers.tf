terraform {
  # Partial configuration: terraform init -backend-config=<environment>.tfbackend
  backend "gcs" {}
}

variable "project_id" {
  type        = string
  description = "GCP project of the environment."
}

provider "google" {
  project = var.project_id
  region  = var.region
}
