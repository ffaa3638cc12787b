resource "random_password" "admin" {
  length  = 32
  special = false
}

resource "azurerm_private_dns_zone" "this" {
  name                = "${var.name}.private.postgres.database.azure.com"
  resource_group_name = var.context.resource_group_name
  tags                = var.context.tags
}

resource "azurerm_private_dns_zone_virtual_network_link" "this" {
  name                  = var.name
  resource_group_name   = var.context.resource_group_name
  private_dns_zone_name = azurerm_private_dns_zone.this.name
  virtual_network_id    = var.network.network_id
}

resource "azurerm_postgresql_flexible_server" "this" {
  name                          = var.name
  location                      = var.context.region
  resource_group_name           = var.context.resource_group_name
  version                       = var.engine_version
  sku_name                      = var.size
  storage_mb                    = var.storage_gb * 1024
  delegated_subnet_id           = var.network.private_subnet_ids[length(var.network.private_subnet_ids) - 1]
  private_dns_zone_id           = azurerm_private_dns_zone.this.id
  public_network_access_enabled = false
  administrator_login           = "forja_admin"
  administrator_password        = random_password.admin.result
  backup_retention_days         = 7
  tags                          = var.context.tags

  dynamic "high_availability" {
    for_each = var.high_availability ? [1] : []

    content {
      mode = "ZoneRedundant"
    }
  }

  lifecycle {
    ignore_changes = [zone, high_availability[0].standby_availability_zone]

    precondition {
      condition     = var.flavor == "standard"
      error_message = "Aurora is AWS only; use flavor = \"standard\" for Flexible Server."
    }
  }

  depends_on = [azurerm_private_dns_zone_virtual_network_link.this]
}

resource "azurerm_postgresql_flexible_server_database" "this" {
  name      = var.database_name
  server_id = azurerm_postgresql_flexible_server.this.id
  charset   = "UTF8"
  collation = "en_US.utf8"
}
