variable "broker" {
  type = object({
    kind   = string
    size   = optional(string, "")
    queues = list(string)
  })
  description = "Message broker: Amazon MQ for RabbitMQ (kind rabbitmq) or the cloud's queue (SQS, Service Bus, Pub/Sub)."
}

module "broker" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/message-broker/aws?ref=v0.1.0"

  name    = local.name
  context = local.context
  network = module.network
  kind    = var.broker.kind
  size    = var.broker.size
  queues  = var.broker.queues
}

output "broker_endpoint" {
  description = "Broker or queue service endpoint."
  value       = module.broker.endpoint
}
