resource "terraform_data" "contract" {
  lifecycle {
    precondition {
      condition     = var.kind == "queue"
      error_message = "Azure has no managed RabbitMQ: use kind = \"queue\" (Service Bus) or RabbitMQ in-cluster."
    }
  }
}

resource "azurerm_servicebus_namespace" "this" {
  name                = var.name
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  sku                 = var.size == "" ? "Standard" : var.size
  minimum_tls_version = "1.2"
  tags                = var.context.tags
}

resource "azurerm_servicebus_queue" "this" {
  for_each = toset(var.queues)

  name                                 = each.key
  namespace_id                         = azurerm_servicebus_namespace.this.id
  dead_lettering_on_message_expiration = true
  max_delivery_count                   = 5
}
