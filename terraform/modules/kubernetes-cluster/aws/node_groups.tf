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

# EKS puts a managed node group's tags on the group only, not on the EC2 instances it
# launches (most of the cluster's bill). The group's Auto Scaling group propagates them to
# the instances at launch, as the cost allocation tags Cost Explorer reads need.
resource "aws_autoscaling_group_tag" "nodes" {
  for_each = var.serverless ? {} : var.context.tags

  autoscaling_group_name = aws_eks_node_group.this[0].resources[0].autoscaling_groups[0].name

  tag {
    key                 = each.key
    value               = each.value
    propagate_at_launch = true
  }
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
