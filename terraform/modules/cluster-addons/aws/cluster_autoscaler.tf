# cluster-autoscaler grows and shrinks the EKS managed node group's Auto Scaling group
# between its min and max sizes; it discovers the group by the tags EKS puts on it.
# A Fargate-only cluster has no nodes to scale.

data "aws_iam_policy_document" "cluster_autoscaler" {
  count = var.cluster.serverless ? 0 : 1

  statement {
    actions = [
      "autoscaling:DescribeAutoScalingGroups",
      "autoscaling:DescribeAutoScalingInstances",
      "autoscaling:DescribeLaunchConfigurations",
      "autoscaling:DescribeScalingActivities",
      "autoscaling:DescribeTags",
      "ec2:DescribeImages",
      "ec2:DescribeInstanceTypes",
      "ec2:DescribeLaunchTemplateVersions",
      "ec2:GetInstanceTypesFromInstanceRequirements",
      "eks:DescribeNodegroup",
    ]
    resources = ["*"]
  }

  statement {
    actions   = ["autoscaling:SetDesiredCapacity", "autoscaling:TerminateInstanceInAutoScalingGroup"]
    resources = ["*"]

    condition {
      test     = "StringEquals"
      variable = "aws:ResourceTag/k8s.io/cluster-autoscaler/${var.cluster.name}"
      values   = ["owned"]
    }
  }
}

resource "aws_iam_role_policy" "cluster_autoscaler" {
  count = var.cluster.serverless ? 0 : 1

  name   = "cluster-autoscaler"
  role   = aws_iam_role.addon["cluster_autoscaler"].id
  policy = data.aws_iam_policy_document.cluster_autoscaler[0].json
}

resource "helm_release" "cluster_autoscaler" {
  count = var.cluster.serverless ? 0 : 1

  name       = "cluster-autoscaler"
  namespace  = "kube-system"
  repository = "https://kubernetes.github.io/autoscaler"
  chart      = "cluster-autoscaler"
  version    = var.chart_versions.cluster_autoscaler
  atomic     = true

  values = [jsonencode({
    cloudProvider = "aws"
    awsRegion     = var.context.region
    autoDiscovery = { clusterName = var.cluster.name }
    rbac = {
      serviceAccount = { create = true, name = "cluster-autoscaler" }
    }
    extraArgs = {
      balance-similar-node-groups = true
      skip-nodes-with-system-pods = false
    }
  })]

  set {
    name  = "rbac.serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"
    value = aws_iam_role.addon["cluster_autoscaler"].arn
  }

  depends_on = [aws_iam_role_policy.cluster_autoscaler]
}
