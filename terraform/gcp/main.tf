# Forja on gcp: GKE (a regional node pool: the count runs in each of 3 zones) with Cloud SQL for PostgreSQL, Memorystore for Redis, Artifact Registry, and GitHub OIDC trust for the deploy workflow.
module "network" {
  source = "../modules/network/gcp"

  name    = var.name
  context = local.context
  cidr    = var.network_cidr
}

module "cluster" {
  source = "../modules/kubernetes-cluster/gcp"

  name               = var.name
  context            = local.context
  kubernetes_version = var.cluster.kubernetes_version
  network            = module.network
  serverless         = false
  node_pool          = var.cluster.node_pool
}

module "postgres" {
  source = "../modules/postgres-db/gcp"

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
  source = "../modules/redis/gcp"

  name     = var.name
  context  = local.context
  network  = module.network
  size     = var.redis.size
  replicas = var.redis.replicas
}

module "registry" {
  source = "../modules/container-registry/gcp"

  name         = var.name
  context      = local.context
  repositories = ["forja"]
}

module "ci_oidc_trust" {
  source = "../modules/ci-oidc-trust/gcp"

  name              = "${var.name}-deploy"
  context           = local.context
  github_repository = var.github_repository
  environments      = var.deploy_environments
  roles             = ["roles/artifactregistry.writer"]
}
