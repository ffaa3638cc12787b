resource "random_password" "broker" {
  count = var.kind == "rabbitmq" ? 1 : 0

  length  = 32
  special = false
}

resource "aws_security_group" "this" {
  count = var.kind == "rabbitmq" ? 1 : 0

  name        = "${var.name}-mq"
  description = "AMQPS from inside the network"
  vpc_id      = var.network.network_id
  tags        = var.context.tags

  ingress {
    from_port   = 5671
    to_port     = 5671
    protocol    = "tcp"
    cidr_blocks = [var.network.cidr]
  }
}

resource "aws_mq_broker" "this" {
  count = var.kind == "rabbitmq" ? 1 : 0

  broker_name                = var.name
  engine_type                = "RabbitMQ"
  engine_version             = "3.13"
  host_instance_type         = var.size
  deployment_mode            = "SINGLE_INSTANCE"
  publicly_accessible        = false
  subnet_ids                 = [var.network.private_subnet_ids[0]]
  security_groups            = [aws_security_group.this[0].id]
  auto_minor_version_upgrade = true
  tags                       = var.context.tags

  user {
    username = "forja"
    password = random_password.broker[0].result
  }
}

resource "aws_sqs_queue" "dead_letter" {
  for_each = var.kind == "queue" ? toset(var.queues) : toset([])

  name                    = "${var.name}-${each.key}-dlq"
  sqs_managed_sse_enabled = true
  tags                    = var.context.tags
}

resource "aws_sqs_queue" "this" {
  for_each = var.kind == "queue" ? toset(var.queues) : toset([])

  name                    = "${var.name}-${each.key}"
  sqs_managed_sse_enabled = true
  tags                    = var.context.tags
  redrive_policy = jsonencode({
    deadLetterTargetArn = aws_sqs_queue.dead_letter[each.key].arn
    maxReceiveCount     = 5
  })
}
