# What generated services need from the cluster itself: the resource metrics API their HPAs
# read (metrics-server, an EKS community add-on, runs on nodes or Fargate) and, with nodes,
# the EBS CSI driver that provisions their volumes (the gp2 StorageClass EKS creates needs it).

resource "aws_eks_addon" "metrics_server" {
  cluster_name = aws_eks_cluster.this.name
  addon_name   = "metrics-server"
  tags         = var.context.tags

  depends_on = [aws_eks_node_group.this, aws_eks_fargate_profile.this]
}

data "aws_iam_policy_document" "ebs_csi_assume" {
  statement {
    actions = ["sts:AssumeRoleWithWebIdentity"]

    principals {
      type        = "Federated"
      identifiers = [aws_iam_openid_connect_provider.this.arn]
    }

    condition {
      test     = "StringEquals"
      variable = "${replace(aws_iam_openid_connect_provider.this.url, "https://", "")}:sub"
      values   = ["system:serviceaccount:kube-system:ebs-csi-controller-sa"]
    }

    condition {
      test     = "StringEquals"
      variable = "${replace(aws_iam_openid_connect_provider.this.url, "https://", "")}:aud"
      values   = ["sts.amazonaws.com"]
    }
  }
}

resource "aws_iam_role" "ebs_csi" {
  count = var.serverless ? 0 : 1

  name               = "${var.name}-ebs-csi"
  assume_role_policy = data.aws_iam_policy_document.ebs_csi_assume.json
  tags               = var.context.tags
}

resource "aws_iam_role_policy_attachment" "ebs_csi" {
  count = var.serverless ? 0 : 1

  role       = aws_iam_role.ebs_csi[0].name
  policy_arn = "arn:aws:iam::aws:policy/service-role/AmazonEBSCSIDriverPolicy"
}

# Fargate mounts no EBS volumes: no driver on a serverless cluster.
resource "aws_eks_addon" "ebs_csi" {
  count = var.serverless ? 0 : 1

  cluster_name             = aws_eks_cluster.this.name
  addon_name               = "aws-ebs-csi-driver"
  service_account_role_arn = aws_iam_role.ebs_csi[0].arn
  tags                     = var.context.tags

  depends_on = [aws_eks_node_group.this, aws_iam_role_policy_attachment.ebs_csi]
}
