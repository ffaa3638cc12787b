output "endpoint" {
  description = "AMQPS endpoint of the broker, or the queue service endpoint."
  value       = var.kind == "rabbitmq" ? aws_mq_broker.this[0].instances[0].endpoints[0] : "https://sqs.${var.context.region}.amazonaws.com"
}

output "queue_ids" {
  description = "Queue name to the cloud's queue identifier (SQS URL, Service Bus id, Pub/Sub topic id)."
  value       = { for name, queue in aws_sqs_queue.this : name => queue.url }
}

output "username" {
  description = "User of the RabbitMQ broker; empty for the cloud's queues, which services reach with their workload identity."
  value       = var.kind == "rabbitmq" ? "forja" : ""
}

output "password" {
  description = "Password of the RabbitMQ broker user; empty for the cloud's queues."
  value       = var.kind == "rabbitmq" ? random_password.broker[0].result : ""
  sensitive   = true
}
