locals {
  name = "${var.name}-${var.environment}"
  # The catalog Resources this environment registers are <name>-<environment>-<part>
  # (catalog-info.yaml). Each module's resources are created in its Resource's context
  # (local.contexts, providers.tf): the platform's tags plus that Resource's entity and
  # environment tags, so its actual spend reaches its Resource page. What has no Resource of its own (the
  # network, registry, add-ons, observability, DNS, DynamoDB tables) is the platform the
  # cluster Resource stands for.
  resource_parts = ["cluster", "postgres", "redis", "broker"]
}

module "network" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/network/aws?ref=v0.1.0"

  name       = local.name
  context    = local.contexts.cluster
  cidr       = var.network_cidr
  zone_count = var.zone_count
}

module "cluster" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/kubernetes-cluster/aws?ref=v0.1.0"

  name               = local.name
  context            = local.contexts.cluster
  kubernetes_version = var.cluster.kubernetes_version
  network            = module.network
  serverless         = var.cluster.serverless
  node_pool          = var.cluster.node_pool
}

# What generated services need from the cluster: their ingress controller, a default
# storage class, node autoscaling and External Secrets Operator (see the module's README).
module "addons" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/cluster-addons/aws?ref=v0.1.0"

  name    = local.name
  context = local.contexts.cluster
  cluster = {
    name            = module.cluster.cluster_name
    oidc_issuer_url = module.cluster.oidc_issuer_url
    network_id      = module.network.network_id
    serverless      = var.cluster.serverless
  }
}

module "registry" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/container-registry/aws?ref=v0.1.0"

  name         = local.name
  context      = local.contexts.cluster
  repositories = var.registry_repositories
}

# What every registered service receives from observability: where to send its OTLP
# traces (Tempo), when the environment collects them.
locals {
  telemetry_binding = {
    env = var.observability.enabled && var.observability.traces ? tomap({
      OTEL_EXPORTER_OTLP_ENDPOINT = module.observability[0].otlp_endpoint
    }) : tomap({})
    resources = []
  }
}

module "observability" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/observability/aws?ref=v0.1.0"
  count  = var.observability.enabled ? 1 : 0

  name                   = local.name
  context                = local.contexts.cluster
  retention_days         = var.observability.retention_days
  serverless             = var.cluster.serverless
  logs                   = var.observability.logs
  traces                 = var.observability.traces
  oidc_issuer_url        = module.cluster.oidc_issuer_url
  alert_receivers        = var.observability.alert_receivers
  alert_receiver_secrets = var.alert_receiver_secrets

  depends_on = [module.cluster, module.addons]
}
