module "state_backend" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/state-backend/gcp?ref=v0.1.0"

  name    = var.name
  context = local.context
}

module "ci_oidc_trust" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/ci-oidc-trust/gcp?ref=v0.1.0"

  name              = var.name
  context           = local.context
  github_repository = var.github_repository
  environments      = var.environments
  roles             = var.ci_roles
}
