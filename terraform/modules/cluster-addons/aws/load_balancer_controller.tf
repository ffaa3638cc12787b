# AWS Load Balancer Controller: serves the `alb` ingress class of generated services.
# Its IAM policy restates the controller's published one (docs/install/iam_policy.json of
# kubernetes-sigs/aws-load-balancer-controller v3.5.0), statement by statement.

locals {
  elb_tagged_resources = [
    "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:targetgroup/*/*",
    "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:loadbalancer/net/*/*",
    "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:loadbalancer/app/*/*",
  ]
  security_groups = "arn:${data.aws_partition.this.partition}:ec2:*:*:security-group/*"

  # Each statement: actions, resources (default "*"), and conditions as [test, variable, values].
  alb_statements = [
    { actions = ["iam:CreateServiceLinkedRole"], conditions = [["StringEquals", "iam:AWSServiceName", ["elasticloadbalancing.amazonaws.com"]]] },
    {
      actions = [
        "ec2:DescribeAccountAttributes", "ec2:DescribeAddresses", "ec2:DescribeAvailabilityZones", "ec2:DescribeInternetGateways",
        "ec2:DescribeVpcs", "ec2:DescribeVpcPeeringConnections", "ec2:DescribeSubnets", "ec2:DescribeSecurityGroups",
        "ec2:DescribeInstances", "ec2:DescribeNetworkInterfaces", "ec2:DescribeTags", "ec2:GetCoipPoolUsage",
        "ec2:DescribeCoipPools", "ec2:GetSecurityGroupsForVpc", "ec2:DescribeIpamPools", "ec2:DescribeRouteTables",
        "elasticloadbalancing:DescribeLoadBalancers", "elasticloadbalancing:DescribeLoadBalancerAttributes",
        "elasticloadbalancing:DescribeListeners", "elasticloadbalancing:DescribeListenerCertificates",
        "elasticloadbalancing:DescribeSSLPolicies", "elasticloadbalancing:DescribeRules",
        "elasticloadbalancing:DescribeTargetGroups", "elasticloadbalancing:DescribeTargetGroupAttributes",
        "elasticloadbalancing:DescribeTargetHealth", "elasticloadbalancing:DescribeTags",
        "elasticloadbalancing:DescribeTrustStores", "elasticloadbalancing:DescribeListenerAttributes",
        "elasticloadbalancing:DescribeCapacityReservation",
      ]
    },
    {
      actions = [
        "cognito-idp:DescribeUserPoolClient", "acm:ListCertificates", "acm:DescribeCertificate",
        "iam:ListServerCertificates", "iam:GetServerCertificate", "waf-regional:GetWebACL",
        "waf-regional:GetWebACLForResource", "waf-regional:AssociateWebACL", "waf-regional:DisassociateWebACL",
        "wafv2:GetWebACL", "wafv2:GetWebACLForResource", "wafv2:AssociateWebACL", "wafv2:DisassociateWebACL",
        "shield:GetSubscriptionState", "shield:DescribeProtection", "shield:CreateProtection", "shield:DeleteProtection",
      ]
    },
    { actions = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress"] },
    { actions = ["ec2:CreateSecurityGroup"] },
    {
      actions    = ["ec2:CreateTags"]
      resources  = [local.security_groups]
      conditions = [["StringEquals", "ec2:CreateAction", ["CreateSecurityGroup"]], ["Null", "aws:RequestTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions    = ["ec2:CreateTags", "ec2:DeleteTags"]
      resources  = [local.security_groups]
      conditions = [["Null", "aws:RequestTag/elbv2.k8s.aws/cluster", ["true"]], ["Null", "aws:ResourceTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions    = ["ec2:AuthorizeSecurityGroupIngress", "ec2:RevokeSecurityGroupIngress", "ec2:DeleteSecurityGroup"]
      conditions = [["Null", "aws:ResourceTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions    = ["elasticloadbalancing:CreateLoadBalancer", "elasticloadbalancing:CreateTargetGroup"]
      conditions = [["Null", "aws:RequestTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions = [
        "elasticloadbalancing:CreateListener", "elasticloadbalancing:DeleteListener",
        "elasticloadbalancing:CreateRule", "elasticloadbalancing:DeleteRule",
      ]
    },
    {
      actions    = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
      resources  = local.elb_tagged_resources
      conditions = [["Null", "aws:RequestTag/elbv2.k8s.aws/cluster", ["true"]], ["Null", "aws:ResourceTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions = ["elasticloadbalancing:AddTags", "elasticloadbalancing:RemoveTags"]
      resources = [
        "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:listener/net/*/*/*",
        "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:listener/app/*/*/*",
        "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:listener-rule/net/*/*/*",
        "arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:listener-rule/app/*/*/*",
      ]
    },
    {
      actions = [
        "elasticloadbalancing:ModifyLoadBalancerAttributes", "elasticloadbalancing:SetIpAddressType",
        "elasticloadbalancing:SetSecurityGroups", "elasticloadbalancing:SetSubnets",
        "elasticloadbalancing:DeleteLoadBalancer", "elasticloadbalancing:ModifyTargetGroup",
        "elasticloadbalancing:ModifyTargetGroupAttributes", "elasticloadbalancing:DeleteTargetGroup",
        "elasticloadbalancing:ModifyListenerAttributes", "elasticloadbalancing:ModifyCapacityReservation",
        "elasticloadbalancing:ModifyIpPools",
      ]
      conditions = [["Null", "aws:ResourceTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions    = ["elasticloadbalancing:AddTags"]
      resources  = local.elb_tagged_resources
      conditions = [["StringEquals", "elasticloadbalancing:CreateAction", ["CreateTargetGroup", "CreateLoadBalancer"]], ["Null", "aws:RequestTag/elbv2.k8s.aws/cluster", ["false"]]]
    },
    {
      actions   = ["elasticloadbalancing:RegisterTargets", "elasticloadbalancing:DeregisterTargets"]
      resources = ["arn:${data.aws_partition.this.partition}:elasticloadbalancing:*:*:targetgroup/*/*"]
    },
    {
      actions = [
        "elasticloadbalancing:SetWebAcl", "elasticloadbalancing:ModifyListener",
        "elasticloadbalancing:AddListenerCertificates", "elasticloadbalancing:RemoveListenerCertificates",
        "elasticloadbalancing:ModifyRule", "elasticloadbalancing:SetRulePriorities",
      ]
    },
  ]
}

data "aws_iam_policy_document" "alb_controller" {
  dynamic "statement" {
    for_each = local.alb_statements

    content {
      actions   = statement.value.actions
      resources = try(statement.value.resources, ["*"])

      dynamic "condition" {
        for_each = try(statement.value.conditions, [])

        content {
          test     = condition.value[0]
          variable = condition.value[1]
          values   = condition.value[2]
        }
      }
    }
  }
}

resource "aws_iam_role_policy" "alb_controller" {
  name   = "aws-load-balancer-controller"
  role   = aws_iam_role.addon["alb_controller"].id
  policy = data.aws_iam_policy_document.alb_controller.json
}

resource "helm_release" "aws_load_balancer_controller" {
  name       = "aws-load-balancer-controller"
  namespace  = "kube-system"
  repository = "https://aws.github.io/eks-charts"
  chart      = "aws-load-balancer-controller"
  version    = var.chart_versions.aws_load_balancer_controller
  atomic     = true

  values = [jsonencode({
    clusterName = var.cluster.name
    region      = var.context.region
    # On Fargate there is no instance metadata to discover the VPC from.
    vpcId = var.cluster.network_id
    serviceAccount = {
      create = true
      name   = "aws-load-balancer-controller"
    }
  })]

  set {
    name  = "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"
    value = aws_iam_role.addon["alb_controller"].arn
  }

  depends_on = [aws_iam_role_policy.alb_controller]
}
