output "endpoint" {
  description = "AMQPS endpoint of the broker, or the queue service endpoint."
  value       = "https://pubsub.googleapis.com"
}

output "queue_ids" {
  description = "Queue name to the cloud's queue identifier (SQS URL, Service Bus id, Pub/Sub topic id)."
  value       = { for name, topic in google_pubsub_topic.this : name => topic.id }
}

output "username" {
  description = "User of the RabbitMQ broker; empty for the cloud's queues, which services reach with their workload identity."
  value       = ""
}

output "password" {
  description = "Password of the RabbitMQ broker user; empty for the cloud's queues."
  value       = ""
  sensitive   = true
}
