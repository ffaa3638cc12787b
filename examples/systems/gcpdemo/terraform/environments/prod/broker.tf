variable "broker" {
  type = object({
    kind   = string
    size   = optional(string, "")
    queues = list(string)
  })
  description = "Message broker: Amazon MQ for RabbitMQ (kind rabbitmq) or the cloud's queue (SQS, Service Bus, Pub/Sub)."
}

module "broker" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/message-broker/gcp?ref=v0.1.0"

  name    = local.name
  context = local.contexts.broker
  network = module.network
  kind    = var.broker.kind
  size    = var.broker.size
  queues  = var.broker.queues
}

output "broker_endpoint" {
  description = "Broker or queue service endpoint."
  value       = module.broker.endpoint
}

# What a registered service that depends on the broker receives: RabbitMQ's AMQPS URL, or
# the queue ids its workload identity is allowed to use.
locals {
  broker_binding = {
    env = var.broker.kind == "rabbitmq" ? tomap({
      AMQP_URL = replace(module.broker.endpoint, "amqps://", "amqps://${module.broker.username}:${urlencode(module.broker.password)}@")
      }) : tomap({
      QUEUE_ENDPOINT = module.broker.endpoint
      QUEUE_IDS      = jsonencode(module.broker.queue_ids)
    })
    resources = var.broker.kind == "rabbitmq" ? [] : values(module.broker.queue_ids)
  }
}
