output "cluster_name" {
  description = "The Kubernetes cluster Forja runs in."
  value       = module.cluster.cluster_name
}

output "postgres_endpoint" {
  description = "PostgreSQL host: POSTGRES_HOST in the forja-database secret."
  value       = module.postgres.endpoint
}

output "redis_endpoint" {
  description = "Redis host: part of REDIS_URL in the forja-redis secret."
  value       = module.redis.endpoint
}

output "registry_url" {
  description = "Where the image workflow pushes Forja's image."
  value       = module.registry.registry_url
}

output "deploy_principal" {
  description = "What the deploy workflow signs in as by OIDC (role ARN, client id or service account)."
  value       = module.ci_oidc_trust.principal
}
