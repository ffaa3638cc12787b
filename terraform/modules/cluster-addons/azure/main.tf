# AKS brings its own pieces: the application routing controller (ingress class
# webapprouting.kubernetes.azure.com, enabled by the kubernetes-cluster module),
# metrics-server, the node pool autoscaler and the managed-csi StorageClass. What it lacks
# for generated services is a secret store and External Secrets Operator to read it.

data "azurerm_client_config" "this" {}

locals {
  # Key Vault names: 3-24 letters, digits and dashes, globally unique.
  vault_name = trimsuffix(substr(var.name, 0, 24), "-")
}

resource "azurerm_key_vault" "this" {
  name                       = local.vault_name
  location                   = var.context.region
  resource_group_name        = var.context.resource_group_name
  tenant_id                  = data.azurerm_client_config.this.tenant_id
  sku_name                   = "standard"
  enable_rbac_authorization  = true
  purge_protection_enabled   = true
  soft_delete_retention_days = 30
  tags                       = var.context.tags
}

# Whoever applies the environment writes the services' secrets into the vault.
resource "azurerm_role_assignment" "deployer_writes_secrets" {
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets Officer"
  principal_id         = data.azurerm_client_config.this.object_id
}

resource "azurerm_user_assigned_identity" "external_secrets" {
  name                = "${var.name}-external-secrets"
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  tags                = var.context.tags
}

resource "azurerm_federated_identity_credential" "external_secrets" {
  name                = "external-secrets"
  resource_group_name = var.context.resource_group_name
  parent_id           = azurerm_user_assigned_identity.external_secrets.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.cluster.oidc_issuer_url
  subject             = "system:serviceaccount:external-secrets:external-secrets"
}

resource "azurerm_role_assignment" "external_secrets_reads_secrets" {
  scope                = azurerm_key_vault.this.id
  role_definition_name = "Key Vault Secrets User"
  principal_id         = azurerm_user_assigned_identity.external_secrets.principal_id
}

resource "helm_release" "external_secrets" {
  name             = "external-secrets"
  namespace        = "external-secrets"
  create_namespace = true
  repository       = "https://charts.external-secrets.io"
  chart            = "external-secrets"
  version          = var.chart_versions.external_secrets
  atomic           = true

  values = [jsonencode({
    installCRDs    = true
    serviceAccount = { create = true, name = "external-secrets" }
  })]

  # The ClusterSecretStore references this service account (ESO's recommended mode).
  set {
    name  = "serviceAccount.annotations.azure\\.workload\\.identity/client-id"
    value = azurerm_user_assigned_identity.external_secrets.client_id
  }

  set {
    name  = "serviceAccount.annotations.azure\\.workload\\.identity/tenant-id"
    value = data.azurerm_client_config.this.tenant_id
  }

  depends_on = [azurerm_federated_identity_credential.external_secrets, azurerm_role_assignment.external_secrets_reads_secrets]
}
