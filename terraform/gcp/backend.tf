terraform {
  # Partial configuration: terraform init -backend-config=backend.tfbackend
  # (the bucket comes from ./bootstrap, applied once with local state).
  backend "gcs" {}
}
