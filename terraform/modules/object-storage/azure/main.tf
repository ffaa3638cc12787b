# A private blob container in its own storage account (TLS 1.2, no shared keys or
# anonymous access: clients authenticate with Entra ID), versioned with soft delete.
resource "azurerm_storage_account" "this" {
  name                            = substr(replace(var.name, "-", ""), 0, 24)
  resource_group_name             = var.context.resource_group_name
  location                        = var.context.region
  account_kind                    = "StorageV2"
  account_tier                    = "Standard"
  account_replication_type        = "ZRS"
  min_tls_version                 = "TLS1_2"
  allow_nested_items_to_be_public = false
  shared_access_key_enabled       = false
  tags                            = var.context.tags

  blob_properties {
    versioning_enabled = true

    delete_retention_policy {
      days = var.noncurrent_version_days
    }
  }
}

resource "azurerm_storage_container" "this" {
  name                  = var.name
  storage_account_id    = azurerm_storage_account.this.id
  container_access_type = "private"
}

resource "azurerm_storage_management_policy" "this" {
  storage_account_id = azurerm_storage_account.this.id

  rule {
    name    = "expire-noncurrent-versions"
    enabled = true

    filters {
      blob_types = ["blockBlob"]
    }

    actions {
      version {
        delete_after_days_since_creation = var.noncurrent_version_days
      }
    }
  }
}
