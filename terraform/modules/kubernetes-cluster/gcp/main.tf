resource "google_container_cluster" "this" {
  name                     = var.name
  project                  = var.context.project_id
  location                 = var.context.region
  network                  = var.network.network_id
  subnetwork               = var.network.private_subnet_ids[0]
  min_master_version       = var.kubernetes_version
  enable_autopilot         = var.serverless ? true : null
  remove_default_node_pool = var.serverless ? null : true
  initial_node_count       = var.serverless ? null : 1
  deletion_protection      = true
  resource_labels          = var.context.tags

  ip_allocation_policy {
    cluster_secondary_range_name  = "pods"
    services_secondary_range_name = "services"
  }

  workload_identity_config {
    workload_pool = "${var.context.project_id}.svc.id.goog"
  }

  release_channel {
    channel = "REGULAR"
  }
}

resource "google_container_node_pool" "general" {
  count = var.serverless ? 0 : 1

  name     = "general"
  project  = var.context.project_id
  location = var.context.region
  cluster  = google_container_cluster.this.name

  initial_node_count = var.node_pool.desired_size

  autoscaling {
    min_node_count = var.node_pool.min_size
    max_node_count = var.node_pool.max_size
  }

  node_config {
    machine_type = var.node_pool.instance_type
    disk_size_gb = var.node_pool.disk_gb
    labels       = var.context.tags
    oauth_scopes = ["https://www.googleapis.com/auth/cloud-platform"]

    workload_metadata_config {
      mode = "GKE_METADATA"
    }
  }
}
