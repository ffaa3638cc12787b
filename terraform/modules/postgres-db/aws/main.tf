resource "random_password" "admin" {
  length  = 32
  special = false
}

resource "aws_db_subnet_group" "this" {
  name       = var.name
  subnet_ids = var.network.private_subnet_ids
  tags       = var.context.tags
}

resource "aws_security_group" "this" {
  name        = "${var.name}-postgres"
  description = "PostgreSQL from inside the network"
  vpc_id      = var.network.network_id
  tags        = var.context.tags

  ingress {
    from_port   = 5432
    to_port     = 5432
    protocol    = "tcp"
    cidr_blocks = [var.network.cidr]
  }
}

resource "aws_db_instance" "this" {
  count = var.flavor == "standard" ? 1 : 0

  identifier                   = var.name
  engine                       = "postgres"
  engine_version               = var.engine_version
  instance_class               = var.size
  allocated_storage            = var.storage_gb
  storage_type                 = "gp3"
  storage_encrypted            = true
  db_name                      = var.database_name
  username                     = "forja_admin"
  password                     = random_password.admin.result
  multi_az                     = var.high_availability
  db_subnet_group_name         = aws_db_subnet_group.this.name
  vpc_security_group_ids       = [aws_security_group.this.id]
  backup_retention_period      = 7
  deletion_protection          = true
  skip_final_snapshot          = false
  final_snapshot_identifier    = "${var.name}-final"
  performance_insights_enabled = true
  tags                         = var.context.tags
}

resource "aws_rds_cluster" "this" {
  count = var.flavor == "aurora" ? 1 : 0

  cluster_identifier        = var.name
  engine                    = "aurora-postgresql"
  engine_version            = var.engine_version
  database_name             = var.database_name
  master_username           = "forja_admin"
  master_password           = random_password.admin.result
  db_subnet_group_name      = aws_db_subnet_group.this.name
  vpc_security_group_ids    = [aws_security_group.this.id]
  storage_encrypted         = true
  backup_retention_period   = 7
  deletion_protection       = true
  final_snapshot_identifier = "${var.name}-final"
  tags                      = var.context.tags
}

resource "aws_rds_cluster_instance" "this" {
  count = var.flavor == "aurora" ? (var.high_availability ? 2 : 1) : 0

  identifier         = "${var.name}-${count.index}"
  cluster_identifier = aws_rds_cluster.this[0].id
  engine             = aws_rds_cluster.this[0].engine
  engine_version     = aws_rds_cluster.this[0].engine_version
  instance_class     = var.size
  tags               = var.context.tags
}
