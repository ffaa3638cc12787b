# consolidacao, registered by Forja's service template: its workload identity, its secret and
# its Argo CD project and Application in this environment (terraform/modules/service-wiring).
module "service_consolidacao" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/service-wiring/azure?ref=v0.1.0"

  name     = "consolidacao"
  context  = local.context
  platform = local.name
  cluster = {
    name            = module.cluster.cluster_name
    oidc_issuer_url = module.cluster.oidc_issuer_url
  }
  deployment = {
    environment = var.environment
    namespace   = "flow-wise"
    repo_url    = "https://github.com/forja-demo/consolidacao.git"
    path        = "k8s/overlays/prod"
    prune       = false
  }
  bindings = {
    postgres  = local.postgres_binding
    redis     = local.redis_binding
    rabbitmq  = local.broker_binding
    telemetry = local.telemetry_binding
  }
  secret_store_id = module.addons.secret_store_id
}
