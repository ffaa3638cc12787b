data "azurerm_resource_group" "this" {
  name = var.context.resource_group_name
}

resource "azurerm_user_assigned_identity" "this" {
  name                = "${var.name}-github"
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  tags                = var.context.tags
}

resource "azurerm_federated_identity_credential" "this" {
  for_each = toset(concat([for e in var.environments : "environment:${e}"], ["pull_request"]))

  name                = replace(each.key, ":", "-")
  resource_group_name = var.context.resource_group_name
  parent_id           = azurerm_user_assigned_identity.this.id
  issuer              = "https://token.actions.githubusercontent.com"
  audience            = ["api://AzureADTokenExchange"]
  subject             = "repo:${var.github_repository}:${each.key}"
}

resource "azurerm_role_assignment" "this" {
  for_each = toset(var.roles)

  scope                = data.azurerm_resource_group.this.id
  role_definition_name = each.value
  principal_id         = azurerm_user_assigned_identity.this.principal_id
}
