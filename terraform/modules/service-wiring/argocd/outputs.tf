output "application" {
  description = "Name of the service's Argo CD Application in this environment."
  value       = local.application
}
