locals {
  tags = merge(var.context.tags, { "forja.dev/network" = var.name })
}

resource "azurerm_virtual_network" "this" {
  name                = var.name
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  address_space       = [var.cidr]
  tags                = local.tags
}

resource "azurerm_subnet" "private" {
  name                 = "${var.name}-workloads"
  resource_group_name  = var.context.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.cidr, 2, 0)]
}

resource "azurerm_subnet" "data" {
  name                 = "${var.name}-data"
  resource_group_name  = var.context.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.cidr, 4, 4)]

  delegation {
    name = "postgres-flexible-server"

    service_delegation {
      name    = "Microsoft.DBforPostgreSQL/flexibleServers"
      actions = ["Microsoft.Network/virtualNetworks/subnets/join/action"]
    }
  }
}

resource "azurerm_subnet" "public" {
  name                 = "${var.name}-ingress"
  resource_group_name  = var.context.resource_group_name
  virtual_network_name = azurerm_virtual_network.this.name
  address_prefixes     = [cidrsubnet(var.cidr, 4, 5)]
}

resource "azurerm_public_ip" "nat" {
  name                = "${var.name}-nat"
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  allocation_method   = "Static"
  sku                 = "Standard"
  tags                = local.tags
}

resource "azurerm_nat_gateway" "this" {
  name                = var.name
  location            = var.context.region
  resource_group_name = var.context.resource_group_name
  sku_name            = "Standard"
  tags                = local.tags
}

resource "azurerm_nat_gateway_public_ip_association" "this" {
  nat_gateway_id       = azurerm_nat_gateway.this.id
  public_ip_address_id = azurerm_public_ip.nat.id
}

resource "azurerm_subnet_nat_gateway_association" "private" {
  subnet_id      = azurerm_subnet.private.id
  nat_gateway_id = azurerm_nat_gateway.this.id
}
