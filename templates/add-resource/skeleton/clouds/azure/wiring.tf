# The resource's wiring: its connection settings in the platform's Key Vault, read by the
# service's <name>-connection ExternalSecret, and access for the service's managed
# identity (created by the platform's service-wiring) to its Service Bus queues or blob
# container. Counted, not keyed: the ids are known only after apply.

locals {
  wired_to = "${var.platform}-${var.environment}-${var.service}"
}

data "azurerm_user_assigned_identity" "service" {
  name                = local.wired_to
  resource_group_name = local.context.resource_group_name
}

resource "azurerm_key_vault_secret" "connection" {
  name         = "${local.wired_to}-${var.name}"
  key_vault_id = data.terraform_remote_state.environment.outputs.secret_store_id
  content_type = "application/json"
  value        = jsonencode(local.binding.env)
}

resource "azurerm_role_assignment" "queue_sender" {
  count = length(local.binding.resources)

  scope                = local.binding.resources[count.index]
  role_definition_name = "Azure Service Bus Data Sender"
  principal_id         = data.azurerm_user_assigned_identity.service.principal_id
}

resource "azurerm_role_assignment" "queue_receiver" {
  count = length(local.binding.resources)

  scope                = local.binding.resources[count.index]
  role_definition_name = "Azure Service Bus Data Receiver"
  principal_id         = data.azurerm_user_assigned_identity.service.principal_id
}

resource "azurerm_role_assignment" "blob_contributor" {
  count = length(local.binding.buckets)

  scope                = local.binding.buckets[count.index]
  role_definition_name = "Storage Blob Data Contributor"
  principal_id         = data.azurerm_user_assigned_identity.service.principal_id
}
