terraform {
  # Partial configuration: terraform init -backend-config=backend.tfbackend
  backend "gcs" {}
}
