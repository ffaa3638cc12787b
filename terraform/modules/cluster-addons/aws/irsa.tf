# IAM roles for the add-ons' service accounts (IRSA): each trusts one service account of
# the cluster's OIDC issuer, nothing else.

data "aws_caller_identity" "this" {}
data "aws_partition" "this" {}

locals {
  issuer       = trimprefix(var.cluster.oidc_issuer_url, "https://")
  oidc_arn     = "arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.this.account_id}:oidc-provider/${local.issuer}"
  irsa_subject = { for role, sa in local.irsa_accounts : role => "system:serviceaccount:${sa}" }
  irsa_accounts = merge(
    {
      alb_controller   = "kube-system:aws-load-balancer-controller"
      external_secrets = "external-secrets:external-secrets"
    },
    var.cluster.serverless ? {} : { cluster_autoscaler = "kube-system:cluster-autoscaler" },
  )
}

data "aws_iam_policy_document" "irsa_assume" {
  for_each = local.irsa_subject

  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = [each.value]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "addon" {
  for_each = local.irsa_subject

  name               = "${var.name}-${replace(each.key, "_", "-")}"
  assume_role_policy = data.aws_iam_policy_document.irsa_assume[each.key].json
  tags               = var.context.tags
}
