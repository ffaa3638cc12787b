data "terraform_remote_state" "environment" {
  backend = var.environment_state.backend
  config  = var.environment_state.config
}

locals {
  name    = "${var.name}-${var.environment}"
  network = data.terraform_remote_state.environment.outputs.network
  context = data.terraform_remote_state.environment.outputs.context
}
