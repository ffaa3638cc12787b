resource "aws_elasticache_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.network.private_subnet_ids
  tags       = var.context.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-redis"
  description = "Redis from inside the network"
  vpc_id      = var.network.network_id
  tags        = var.context.tags

  ingress {
    from_port   = 6379
    to_port     = 6379
    protocol    = "tcp"
    cidr_blocks = [var.network.cidr]
  }
}

resource "aws_elasticache_replication_group" "this" {
  replication_group_id       = var.name
  description                = "Redis for ${var.name}"
  engine                     = "redis"
  engine_version             = "7.1"
  node_type                  = var.size
  num_cache_clusters         = var.replicas + 1
  automatic_failover_enabled = var.replicas > 0
  multi_az_enabled           = var.replicas > 0
  subnet_group_name          = aws_elasticache_subnet_group.this.name
  security_group_ids         = [aws_security_group.this.id]
  at_rest_encryption_enabled = true
  transit_encryption_enabled = true
  tags                       = var.context.tags
}
