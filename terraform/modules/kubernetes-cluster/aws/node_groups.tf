resource "aws_eks_node_group" "this" {
  count = var.serverless ? 0 : 1

  cluster_name    = aws_eks_cluster.this.name
  node_group_name = "${var.name}-general"
  node_role_arn   = aws_iam_role.nodes.arn
  subnet_ids      = var.network.private_subnet_ids
  instance_types  = [var.node_pool.instance_type]
  disk_size       = var.node_pool.disk_gb
  tags            = var.context.tags

  scaling_config {
    min_size     = var.node_pool.min_size
    max_size     = var.node_pool.max_size
    desired_size = var.node_pool.desired_size
  }

  update_config {
    max_unavailable = 1
  }

  lifecycle {
    ignore_changes = [scaling_config[0].desired_size]
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}

resource "aws_eks_fargate_profile" "this" {
  count = var.serverless ? 1 : 0

  cluster_name           = aws_eks_cluster.this.name
  fargate_profile_name   = "${var.name}-all"
  pod_execution_role_arn = aws_iam_role.nodes.arn
  subnet_ids             = var.network.private_subnet_ids
  tags                   = var.context.tags

  selector {
    namespace = "kube-system"
  }

  selector {
    namespace = "*"
  }

  depends_on = [aws_iam_role_policy_attachment.nodes]
}
