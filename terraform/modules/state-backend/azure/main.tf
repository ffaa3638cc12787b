resource "azurerm_storage_account" "this" {
  name                            = substr(replace("${var.name}tfstate", "-", ""), 0, 24)
  location                        = var.context.region
  resource_group_name             = var.context.resource_group_name
  account_tier                    = "Standard"
  account_replication_type        = "GRS"
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  tags                            = var.context.tags

  blob_properties {
    versioning_enabled = true
  }

  lifecycle {
    prevent_destroy = true
  }
}

resource "azurerm_storage_container" "this" {
  name                  = "tfstate"
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"
}
