data "terraform_remote_state" "environment" {
  backend = var.environment_state.backend
  config  = var.environment_state.config
}

locals {
  name    = "${var.name}-${var.environment}"
  network = data.terraform_remote_state.environment.outputs.network
  # The environment's context, its tags plus the ones the cost backend reads this
  # resource's actual spend by (cost_tags, per cloud: see providers.tf).
  context = merge(data.terraform_remote_state.environment.outputs.context, {
    tags = merge(data.terraform_remote_state.environment.outputs.context.tags, local.cost_tags)
  })
}
