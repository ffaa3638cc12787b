variable "queue" {
  type = object({
    kind   = string
    size   = optional(string, "")
    queues = list(string)
  })
  description = "Queues: SQS, Service Bus or Pub/Sub (kind queue), or Amazon MQ for RabbitMQ (kind rabbitmq)."
}

module "queue" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/message-broker/aws?ref=v0.1.0"

  name    = local.name
  context = local.context
  network = local.network
  kind    = var.queue.kind
  size    = var.queue.size
  queues  = var.queue.queues
}

output "endpoint" {
  description = "Broker or queue service endpoint."
  value       = module.queue.endpoint
}

# What the service receives in its <name>-connection Secret: RabbitMQ's AMQPS URL, or the
# queue ids its workload identity is granted.
locals {
  binding = {
    env = var.queue.kind == "rabbitmq" ? tomap({
      AMQP_URL = replace(module.queue.endpoint, "amqps://", "amqps://${module.queue.username}:${urlencode(module.queue.password)}@")
      }) : tomap({
      QUEUE_ENDPOINT = module.queue.endpoint
      QUEUE_IDS      = jsonencode(module.queue.queue_ids)
    })
    resources = var.queue.kind == "rabbitmq" ? [] : values(module.queue.queue_ids)
    buckets   = []
  }
}
