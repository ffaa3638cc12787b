# The default StorageClass of a cluster with nodes: gp3 volumes through the EBS CSI driver
# (the kubernetes-cluster module installs it). EKS clusters from 1.30 on mark no default.

resource "kubernetes_storage_class_v1" "gp3" {
  count = var.cluster.serverless ? 0 : 1

  metadata {
    name        = "gp3"
    annotations = { "storageclass.kubernetes.io/is-default-class" = "true" }
  }

  storage_provisioner    = "ebs.csi.aws.com"
  volume_binding_mode    = "WaitForFirstConsumer"
  allow_volume_expansion = true
  reclaim_policy         = "Delete"

  parameters = {
    type      = "gp3"
    encrypted = "true"
  }
}
