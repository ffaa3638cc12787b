output "bucket" {
  description = "The module's bucket."
  value       = module.object_storage.bucket
}

output "endpoint" {
  description = "The module's endpoint."
  value       = module.object_storage.endpoint
}

output "id" {
  description = "The module's id."
  value       = module.object_storage.id
}
