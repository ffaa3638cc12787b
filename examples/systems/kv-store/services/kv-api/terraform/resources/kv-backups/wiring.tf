# The resource's wiring: its connection settings in the Secrets Manager secret the
# service's <name>-connection ExternalSecret reads, and access for the service's identity
# (the IRSA role the platform's service-wiring created) to its queues or bucket.

locals {
  wired_to  = "${var.platform}-${var.environment}-${var.service}"
  queues    = local.binding.resources
  buckets   = local.binding.buckets
  partition = data.aws_partition.this.partition
}

data "aws_partition" "this" {}

resource "aws_secretsmanager_secret" "connection" {
  name                    = "${local.wired_to}-${var.name}"
  description             = "Connection settings of ${var.name}, read by External Secrets Operator into ${var.service}'s ${var.name}-connection Secret."
  recovery_window_in_days = 7
}

resource "aws_secretsmanager_secret_version" "connection" {
  secret_id     = aws_secretsmanager_secret.connection.id
  secret_string = jsonencode(local.binding.env)
}

data "aws_iam_policy_document" "queues" {
  count = length(local.queues) > 0 ? 1 : 0

  statement {
    actions = [
      "sqs:SendMessage", "sqs:ReceiveMessage", "sqs:DeleteMessage",
      "sqs:ChangeMessageVisibility", "sqs:GetQueueAttributes", "sqs:GetQueueUrl",
    ]
    # SQS queue URLs (https://sqs.<region>.amazonaws.com/<account>/<name>) as ARNs.
    resources = [for url in local.queues : "arn:${local.partition}:sqs:${var.region}:${split("/", url)[3]}:${split("/", url)[4]}"]
  }
}

resource "aws_iam_role_policy" "queues" {
  count = length(local.queues) > 0 ? 1 : 0

  name   = var.name
  role   = local.wired_to
  policy = data.aws_iam_policy_document.queues[0].json
}

data "aws_iam_policy_document" "buckets" {
  count = length(local.buckets) > 0 ? 1 : 0

  statement {
    actions   = ["s3:ListBucket", "s3:GetBucketLocation"]
    resources = local.buckets
  }

  statement {
    actions   = ["s3:GetObject", "s3:PutObject", "s3:DeleteObject", "s3:AbortMultipartUpload"]
    resources = [for arn in local.buckets : "${arn}/*"]
  }
}

resource "aws_iam_role_policy" "buckets" {
  count = length(local.buckets) > 0 ? 1 : 0

  name   = "${var.name}-objects"
  role   = local.wired_to
  policy = data.aws_iam_policy_document.buckets[0].json
}
