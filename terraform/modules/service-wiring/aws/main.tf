# A service's place in the environment: an IAM role its ServiceAccount assumes (IRSA,
# which also works on Fargate, where EKS Pod Identity does not) allowed to use exactly the
# cloud resources it depends on; its settings and credentials in one Secrets Manager
# secret for External Secrets Operator; and its Argo CD project and Application.

data "aws_caller_identity" "this" {}
data "aws_partition" "this" {}

locals {
  full_name       = "${var.platform}-${var.name}"
  issuer          = trimprefix(var.cluster.oidc_issuer_url, "https://")
  service_account = "${var.deployment.namespace}/${var.name}"
  queues          = try(var.bindings["queue"].resources, [])
  # SQS queue URLs (https://sqs.<region>.amazonaws.com/<account>/<name>) as ARNs.
  queue_arns = [
    for url in local.queues :
    "arn:${data.aws_partition.this.partition}:sqs:${var.context.region}:${split("/", url)[3]}:${split("/", url)[4]}"
  ]
  tables = try(var.bindings["dynamodb"].resources, [])
}

data "aws_iam_policy_document" "assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = ["arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.this.account_id}:oidc-provider/${local.issuer}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["system:serviceaccount:${var.deployment.namespace}:${var.name}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "this" {
  name               = local.full_name
  assume_role_policy = data.aws_iam_policy_document.assume.json
  tags               = merge(var.context.tags, { "forja.dev/service-account" = local.service_account })
}

data "aws_iam_policy_document" "access" {
  count = length(local.queue_arns) + length(local.tables) > 0 ? 1 : 0

  dynamic "statement" {
    for_each = length(local.queue_arns) > 0 ? [1] : []

    content {
      actions = [
        "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
        "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
      ]
      resources = local.queue_arns
    }
  }

  dynamic "statement" {
    for_each = length(local.tables) > 0 ? [1] : []

    content {
      actions = [
        "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
        "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchGetItem", "dynamodb:BatchWriteItem",
        "dynamodb:ConditionCheckItem", "dynamodb:DescribeTable",
      ]
      resources = concat(local.tables, [for table in local.tables : "${table}/index/*"])
    }
  }
}

resource "aws_iam_role_policy" "access" {
  count = length(data.aws_iam_policy_document.access)

  name   = "dependencies"
  role   = aws_iam_role.this.id
  policy = data.aws_iam_policy_document.access[0].json
}

resource "aws_secretsmanager_secret" "this" {
  name                    = local.full_name
  description             = "Settings and credentials of ${var.name}, read by External Secrets Operator into the ${var.name}-secrets Secret."
  recovery_window_in_days = 7
  tags                    = var.context.tags
}

resource "aws_secretsmanager_secret_version" "this" {
  secret_id     = aws_secretsmanager_secret.this.id
  secret_string = jsonencode(merge({}, [for kind in sort(keys(var.bindings)) : var.bindings[kind].env]...))
}

module "argocd" {
  source = "../argocd"

  name                        = var.name
  deployment                  = var.deployment
  service_account_annotations = { "eks.amazonaws.com/role-arn" = aws_iam_role.this.arn }
  chart_version               = var.argocd_apps_chart_version
}
