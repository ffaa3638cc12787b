data "aws_iam_policy_document" "assume" {
  for_each = {
    cluster = "eks.amazonaws.com"
    nodes   = "ec2.amazonaws.com"
    fargate = "eks-fargate-pods.amazonaws.com"
  }

  statement {
    actions = ["sts:AssumeRole"]

    principals {
      type        = "Service"
      identifiers = [each.value]
    }
  }
}

resource "aws_iam_role" "cluster" {
  name               = "${var.name}-cluster"
  assume_role_policy = data.aws_iam_policy_document.assume["cluster"].json
  tags               = var.context.tags
}

resource "aws_iam_role_policy_attachment" "cluster" {
  role       = aws_iam_role.cluster.name
  policy_arn = "arn:aws:iam::aws:policy/AmazonEKSClusterPolicy"
}

resource "aws_iam_role" "nodes" {
  name               = "${var.name}-nodes"
  assume_role_policy = data.aws_iam_policy_document.assume[var.serverless ? "fargate" : "nodes"].json
  tags               = var.context.tags
}

resource "aws_iam_role_policy_attachment" "nodes" {
  for_each = toset(var.serverless ? [
    "arn:aws:iam::aws:policy/AmazonEKSFargatePodExecutionRolePolicy",
    ] : [
    "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy",
    "arn:aws:iam::aws:policy/AmazonEKS_CNI_Policy",
    "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
  ])

  role       = aws_iam_role.nodes.name
  policy_arn = each.value
}
