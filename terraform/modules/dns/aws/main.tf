# external-dns keeps Route 53 records for the cluster's Ingress hosts (upserts only, and
# only records it owns by the cluster's TXT owner id); with TLS, one ACM certificate for
# the hosts' domain and one label below it, validated through the same zone, which the
# AWS Load Balancer Controller finds by host for each HTTPS Ingress.

data "aws_caller_identity" "this" {}
data "aws_partition" "this" {}

data "aws_route53_zone" "this" {
  name         = var.zone.domain
  private_zone = false
}

locals {
  issuer   = trimprefix(var.cluster.oidc_issuer_url, "https://")
  oidc_arn = "arn:${data.aws_partition.this.partition}:iam::${data.aws_caller_identity.this.account_id}:oidc-provider/${local.issuer}"
}

data "aws_iam_policy_document" "external_dns_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [local.oidc_arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:sub"
      values   = ["system:serviceaccount:external-dns:external-dns"]
    }

    condition {
      test     = "StringEquals"
      variable = "${local.issuer}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "external_dns" {
  name               = "${var.name}-external-dns"
  assume_role_policy = data.aws_iam_policy_document.external_dns_assume.json
  tags               = var.context.tags
}

# external-dns's documented Route 53 policy, narrowed to the one zone it changes.
data "aws_iam_policy_document" "external_dns" {
  statement {
    actions   = ["route53:ChangeResourceRecordSets"]
    resources = ["arn:${data.aws_partition.this.partition}:route53:::hostedzone/${data.aws_route53_zone.this.zone_id}"]
  }

  statement {
    actions   = ["route53:ListHostedZones", "route53:ListResourceRecordSets", "route53:ListTagsForResource"]
    resources = ["*"]
  }
}

resource "aws_iam_role_policy" "external_dns" {
  name   = "route53"
  role   = aws_iam_role.external_dns.id
  policy = data.aws_iam_policy_document.external_dns.json
}

resource "helm_release" "external_dns" {
  name             = "external-dns"
  namespace        = "external-dns"
  create_namespace = true
  repository       = "https://kubernetes-sigs.github.io/external-dns/"
  chart            = "external-dns"
  version          = var.chart_versions.external_dns
  atomic           = true

  values = [
    yamlencode({
      provider      = { name = "aws" }
      domainFilters = [var.zone.domain]
      policy        = "upsert-only"
      sources       = ["ingress", "service"]
      extraArgs     = ["--aws-zone-type=public"]
    }),
    # Known only at apply (the cluster's name): apart, so the first stays readable.
    yamlencode({ txtOwnerId = var.cluster.name }),
  ]

  set {
    name  = "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"
    value = aws_iam_role.external_dns.arn
  }

  depends_on = [aws_iam_role_policy.external_dns]
}

resource "aws_acm_certificate" "hosts" {
  count = var.tls ? 1 : 0

  domain_name               = var.hosts_domain
  subject_alternative_names = ["*.${var.hosts_domain}"]
  validation_method         = "DNS"
  tags                      = var.context.tags

  lifecycle {
    create_before_destroy = true
  }
}

resource "aws_route53_record" "validation" {
  # The wildcard and the bare name share one validation record.
  for_each = var.tls ? { (var.hosts_domain) = var.hosts_domain } : {}

  zone_id         = data.aws_route53_zone.this.zone_id
  name            = one([for o in aws_acm_certificate.hosts[0].domain_validation_options : o.resource_record_name if o.domain_name == each.value])
  type            = one([for o in aws_acm_certificate.hosts[0].domain_validation_options : o.resource_record_type if o.domain_name == each.value])
  records         = [one([for o in aws_acm_certificate.hosts[0].domain_validation_options : o.resource_record_value if o.domain_name == each.value])]
  ttl             = 300
  allow_overwrite = true
}

resource "aws_acm_certificate_validation" "hosts" {
  count = var.tls ? 1 : 0

  certificate_arn         = aws_acm_certificate.hosts[0].arn
  validation_record_fqdns = [for r in aws_route53_record.validation : r.fqdn]
}
