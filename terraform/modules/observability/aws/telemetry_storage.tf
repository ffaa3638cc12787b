# S3 buckets for Loki's chunks and Tempo's blocks, each reached by one service account
# through IRSA (the service accounts the loki and tempo charts create in monitoring).

data "aws_caller_identity" "this" {}
data "aws_partition" "this" {}

locals {
  telemetry_accounts = merge(
    var.logs ? { logs = "monitoring:loki" } : {},
    var.traces ? { traces = "monitoring:tempo" } : {},
  )
  issuer   = trimprefix(var.oidc_issuer_url, "https://")
  oidc_arn = "arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.this.account_id}:oidc-provider/${local.issuer}"
}

module "bucket" {
  source   = "../../object-storage/aws"
  for_each = local.telemetry_accounts

  name    = "${var.name}-${each.key}"
  context = var.context
  # Loki's compactor and Tempo delete old objects themselves; versions are kept a day.
  noncurrent_version_days = 1
}

data "aws_iam_policy_document" "telemetry_assume" {
  for_each = local.telemetry_accounts

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["system:serviceaccount:${each.value}"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "telemetry" {
  for_each = local.telemetry_accounts

  name               = "${var.name}-${each.key}"
  assume_role_policy = data.aws_iam_policy_document.telemetry_assume[each.key].json
  tags               = var.context.tags

  lifecycle {
    precondition {
      condition     = var.oidc_issuer_url != ""
      error_message = "logs and traces on AWS need oidc_issuer_url: their IRSA roles trust the cluster's issuer."
    }
  }
}

# The actions Loki's and Tempo's S3 guides list (Tempo also tags objects).
data "aws_iam_policy_document" "telemetry" {
  for_each = local.telemetry_accounts

  statement {
    actions   = ["s3:ListBucket"]
    resources = [module.bucket[each.key].id]
  }

  statement {
    actions = [
      "s3:GetObject", "s3:PutObject", "s3:DeleteObject",
      "s3:GetObjectTagging", "s3:PutObjectTagging",
    ]
    resources = ["${module.bucket[each.key].id}/*"]
  }
}

resource "aws_iam_role_policy" "telemetry" {
  for_each = local.telemetry_accounts

  name   = "s3"
  role   = aws_iam_role.telemetry[each.key].id
  policy = data.aws_iam_policy_document.telemetry[each.key].json
}
