output "endpoint" {
  description = "The module's endpoint."
  value       = module.message_broker.endpoint
}

output "queue_ids" {
  description = "The module's queue_ids."
  value       = module.message_broker.queue_ids
}

output "username" {
  description = "The module's username."
  value       = module.message_broker.username
}

output "password" {
  description = "The module's password."
  value       = module.message_broker.password
  sensitive   = true
}
