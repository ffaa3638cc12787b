locals {
  sku = regex("^(Basic|Standard|Premium)_([CP])([0-6])$", var.size)
}

resource "azurerm_redis_cache" "this" {
  name                          = var.name
  location                      = var.context.region
  resource_group_name           = var.context.resource_group_name
  sku_name                      = local.sku[0]
  family                        = local.sku[1]
  capacity                      = tonumber(local.sku[2])
  replicas_per_primary          = local.sku[0] == "Premium" ? var.replicas : null
  minimum_tls_version           = "1.2"
  non_ssl_port_enabled          = false
  public_network_access_enabled = false
  tags                          = var.context.tags
}

resource "azurerm_private_endpoint" "this" {
  name                = "${var.name}-redis"
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  subnet_id           = var.network.private_subnet_ids[0]
  tags                = var.context.tags

  private_service_connection {
    name                           = "${var.name}-redis"
    private_connection_resource_id = azurerm_redis_cache.this.id
    subresource_names              = ["redisCache"]
    is_manual_connection           = false
  }
}
