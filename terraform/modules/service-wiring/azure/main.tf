# A service's place in the environment: a managed identity its ServiceAccount federates
# with (Azure workload identity; the service's pods carry azure.workload.identity/use)
# allowed to use exactly the Service Bus queues it depends on; its settings and
# credentials in one Key Vault secret for External Secrets Operator; and its Argo CD
# project and Application.

locals {
  full_name = "${var.platform}-${var.name}"
  queues    = try(var.bindings["queue"].resources, [])
}

resource "azurerm_user_assigned_identity" "this" {
  name                = local.full_name
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  tags                = var.context.tags
}

resource "azurerm_federated_identity_credential" "this" {
  name                = var.name
  resource_group_name = var.context.resource_group_name
  parent_id           = azurerm_user_assigned_identity.this.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.cluster.oidc_issuer_url
  subject             = "system:serviceaccount:${var.deployment.namespace}:${var.name}"
}

resource "azurerm_role_assignment" "queue_sender" {
  for_each = toset(local.queues)

  scope                = each.value
  role_definition_name = "Azure Service Bus Data Sender"
  principal_id         = azurerm_user_assigned_identity.this.principal_id
}

resource "azurerm_role_assignment" "queue_receiver" {
  for_each = toset(local.queues)

  scope                = each.value
  role_definition_name = "Azure Service Bus Data Receiver"
  principal_id         = azurerm_user_assigned_identity.this.principal_id
}

resource "azurerm_key_vault_secret" "this" {
  name         = local.full_name
  key_vault_id = var.secret_store_id
  content_type = "application/json"
  value        = jsonencode(merge({}, [for kind in sort(keys(var.bindings)) : var.bindings[kind].env]...))
  tags         = var.context.tags
}

module "argocd" {
  source = "../argocd"

  name                        = var.name
  deployment                  = var.deployment
  service_account_annotations = { "azure.workload.identity/client-id" = azurerm_user_assigned_identity.this.client_id }
  chart_version               = var.argocd_apps_chart_version
}
