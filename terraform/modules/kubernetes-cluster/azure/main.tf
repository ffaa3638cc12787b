resource "azurerm_kubernetes_cluster" "this" {
  name                      = var.name
  location                  = var.context.region
  resource_group_name       = var.context.resource_group_name
  dns_prefix                = var.name
  kubernetes_version        = var.kubernetes_version
  oidc_issuer_enabled       = true
  workload_identity_enabled = true
  tags                      = var.context.tags

  default_node_pool {
    name                 = "general"
    vm_size              = var.node_pool.instance_type
    auto_scaling_enabled = true
    min_count            = var.node_pool.min_size
    max_count            = var.node_pool.max_size
    node_count           = var.node_pool.desired_size
    os_disk_size_gb      = var.node_pool.disk_gb
    vnet_subnet_id       = var.network.private_subnet_ids[0]
    # On the node pool's scale set too, whose VMs are most of the cluster's bill.
    tags = var.context.tags
  }

  identity {
    type = "SystemAssigned"
  }

  # Application routing: the managed NGINX controller serving the
  # webapprouting.kubernetes.azure.com class the service template's Ingress names.
  web_app_routing {
    dns_zone_ids = []
  }

  network_profile {
    network_plugin      = "azure"
    network_plugin_mode = "overlay"
    outbound_type       = "userAssignedNATGateway"
  }

  lifecycle {
    ignore_changes = [default_node_pool[0].node_count]

    precondition {
      condition     = !var.serverless
      error_message = "AKS has no serverless mode in Forja's contract; set serverless = false and size node_pool."
    }
  }
}
