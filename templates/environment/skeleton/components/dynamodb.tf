variable "dynamodb_tables" {
  type = list(object({
    name     = string
    hash_key = string
  }))
  description = "DynamoDB tables (on-demand, point-in-time recovery, string hash key)."
}

resource "aws_dynamodb_table" "this" {
  for_each = { for table in var.dynamodb_tables : table.name => table }

  name         = "${local.name}-${each.key}"
  billing_mode = "PAY_PER_REQUEST"
  hash_key     = each.value.hash_key
  tags         = local.contexts.cluster.tags

  attribute {
    name = each.value.hash_key
    type = "S"
  }

  point_in_time_recovery {
    enabled = true
  }

  server_side_encryption {
    enabled = true
  }
}

output "dynamodb_tables" {
  description = "Table name to ARN."
  value       = { for name, table in aws_dynamodb_table.this : name => table.arn }
}

# What a registered service that depends on DynamoDB receives: the table names, and access
# to exactly these tables for its workload identity.
locals {
  dynamodb_binding = {
    env       = { DYNAMODB_TABLES = jsonencode({ for name, table in aws_dynamodb_table.this : name => table.name }) }
    resources = [for table in aws_dynamodb_table.this : table.arn]
  }
}
