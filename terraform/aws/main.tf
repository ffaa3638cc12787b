# Forja on aws: EKS with RDS PostgreSQL (as in the video-system seed), ElastiCache for Redis, ECR, and GitHub OIDC trust for the deploy workflow.
module "network" {
  source = "../modules/network/aws"

  name    = var.name
  context = local.context
  cidr    = var.network_cidr
}

module "cluster" {
  source = "../modules/kubernetes-cluster/aws"

  name               = var.name
  context            = local.context
  kubernetes_version = var.cluster.kubernetes_version
  network            = module.network
  serverless         = false
  node_pool          = var.cluster.node_pool
}

module "postgres" {
  source = "../modules/postgres-db/aws"

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
  source = "../modules/redis/aws"

  name     = var.name
  context  = local.context
  network  = module.network
  size     = var.redis.size
  replicas = var.redis.replicas
}

module "registry" {
  source = "../modules/container-registry/aws"

  name         = var.name
  context      = local.context
  repositories = ["forja"]
}

module "ci_oidc_trust" {
  source = "../modules/ci-oidc-trust/aws"

  name              = "${var.name}-deploy"
  context           = local.context
  github_repository = var.github_repository
  environments      = var.deploy_environments
  roles             = ["arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryPowerUser"]
}
