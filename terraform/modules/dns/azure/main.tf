# external-dns keeps Azure DNS records for the cluster's Ingress hosts, as a managed
# identity (workload identity) allowed to change this one zone; with TLS, cert-manager,
# whose ClusterIssuer "letsencrypt" the environment's Argo CD declares (HTTP-01 through
# application routing).

data "azurerm_client_config" "this" {}

data "azurerm_dns_zone" "this" {
  name                = var.zone.domain
  resource_group_name = var.zone.resource_group
}

resource "azurerm_user_assigned_identity" "external_dns" {
  name                = "${var.name}-external-dns"
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  tags                = var.context.tags
}

resource "azurerm_federated_identity_credential" "external_dns" {
  name                = "external-dns"
  resource_group_name = var.context.resource_group_name
  parent_id           = azurerm_user_assigned_identity.external_dns.id
  audience            = ["api://AzureADTokenExchange"]
  issuer              = var.cluster.oidc_issuer_url
  subject             = "system:serviceaccount:external-dns:external-dns"
}

resource "azurerm_role_assignment" "external_dns" {
  scope                = data.azurerm_dns_zone.this.id
  role_definition_name = "DNS Zone Contributor"
  principal_id         = azurerm_user_assigned_identity.external_dns.principal_id
}

resource "helm_release" "external_dns" {
  name             = "external-dns"
  namespace        = "external-dns"
  create_namespace = true
  repository       = "https://kubernetes-sigs.github.io/external-dns/"
  chart            = "external-dns"
  version          = var.chart_versions.external_dns
  atomic           = true

  values = [
    yamlencode({
      provider      = { name = "azure" }
      domainFilters = [var.zone.domain]
      policy        = "upsert-only"
      sources       = ["ingress", "service"]
    }),
    # Known only at apply (the cluster's name, the tenant): apart, so the first stays readable.
    yamlencode({
      txtOwnerId = var.cluster.name
      podLabels  = { "azure.workload.identity/use" = "true" }
      serviceAccount = {
        labels = { "azure.workload.identity/use" = "true" }
      }
      # The Azure provider reads its settings from azure.json; no secret is in it.
      secretConfiguration = {
        enabled   = true
        mountPath = "/etc/kubernetes/"
        data = {
          "azure.json" = jsonencode({
            tenantId                     = data.azurerm_client_config.this.tenant_id
            subscriptionId               = data.azurerm_client_config.this.subscription_id
            resourceGroup                = var.zone.resource_group
            useWorkloadIdentityExtension = true
          })
        }
      }
    }),
  ]

  set {
    name  = "serviceAccount.annotations.azure\\.workload\\.identity/client-id"
    value = azurerm_user_assigned_identity.external_dns.client_id
  }

  depends_on = [azurerm_federated_identity_credential.external_dns, azurerm_role_assignment.external_dns]
}

resource "helm_release" "cert_manager" {
  count = var.tls ? 1 : 0

  name             = "cert-manager"
  namespace        = "cert-manager"
  create_namespace = true
  repository       = "https://charts.jetstack.io"
  chart            = "cert-manager"
  version          = var.chart_versions.cert_manager
  atomic           = true

  values = [yamlencode({
    crds = { enabled = true, keep = true }
  })]
}
