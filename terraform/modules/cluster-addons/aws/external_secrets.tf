# External Secrets Operator: turns the cloud secrets the environment writes for each
# service (Secrets Manager, "<name>-<service>") into the Kubernetes Secrets its pods read.
# It may read those secrets and nothing else.

data "aws_iam_policy_document" "external_secrets" {
  statement {
    actions = [
      "secretsmanager:GetSecretValue",
      "secretsmanager:DescribeSecret",
      "secretsmanager:ListSecretVersionIds",
      "secretsmanager:GetResourcePolicy",
    ]
    resources = ["arn:${data.aws_partition.this.partition}:secretsmanager:${var.context.region}:${data.aws_caller_identity.this.account_id}:secret:${var.name}-*"]
  }
}

resource "aws_iam_role_policy" "external_secrets" {
  name   = "external-secrets"
  role   = aws_iam_role.addon["external_secrets"].id
  policy = data.aws_iam_policy_document.external_secrets.json
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  namespace        = "external-secrets"
  create_namespace = true
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.chart_versions.external_secrets
  atomic           = true

  values = [jsonencode({
    installCRDs    = true
    serviceAccount = { create = true, name = "external-secrets" }
    # Webhook and cert controller run as Deployments: nothing here needs a node of its own.
  })]

  set {
    name  = "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"
    value = aws_iam_role.addon["external_secrets"].arn
  }

  depends_on = [aws_iam_role_policy.external_secrets]
}
