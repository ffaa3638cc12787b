# Forja on azure: AKS with PostgreSQL Flexible Server (as in the Hubs seed), Azure Cache for Redis, Container Registry, and GitHub OIDC trust for the deploy workflow.
module "network" {
  source = "../modules/network/azure"

  name    = var.name
  context = local.context
  cidr    = var.network_cidr
}

module "cluster" {
  source = "../modules/kubernetes-cluster/azure"

  name               = var.name
  context            = local.context
  kubernetes_version = var.cluster.kubernetes_version
  network            = module.network
  serverless         = false
  node_pool          = var.cluster.node_pool
}

module "postgres" {
  source = "../modules/postgres-db/azure"

  name              = var.name
  context           = local.context
  network           = module.network
  flavor            = "standard"
  size              = var.postgres.size
  storage_gb        = var.postgres.storage_gb
  high_availability = var.postgres.high_availability
  engine_version    = var.postgres.engine_version
  database_name     = "backstage"
}

module "redis" {
  source = "../modules/redis/azure"

  name     = var.name
  context  = local.context
  network  = module.network
  size     = var.redis.size
  replicas = var.redis.replicas
}

module "registry" {
  source = "../modules/container-registry/azure"

  name         = var.name
  context      = local.context
  repositories = ["forja"]
}

module "ci_oidc_trust" {
  source = "../modules/ci-oidc-trust/azure"

  name              = "${var.name}-deploy"
  context           = local.context
  github_repository = var.github_repository
  environments      = var.deploy_environments
  roles             = ["AcrPush"]
}
