resource "azurerm_container_registry" "this" {
  name                          = substr(replace(var.name, "-", ""), 0, 50)
  location                      = var.context.region
  resource_group_name           = var.context.resource_group_name
  sku                           = "Standard"
  admin_enabled                 = false
  public_network_access_enabled = true
  tags                          = var.context.tags
}
