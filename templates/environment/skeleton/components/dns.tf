variable "dns" {
  type = object({
    zone           = string
    tls            = bool
    resource_group = optional(string)
    managed_zone   = optional(string)
  })
  description = "The existing public zone services' hosts are named in (prod: <service>.<zone>, others: <service>.<environment>.<zone>), and whether they get certificates."
}

# external-dns for the hosts' records and, with TLS, their certificates (see the module).
module "dns" {
  source = "git::https://github.com/forja-dev/forja.git//terraform/modules/dns/aws?ref=v0.1.0"

  name    = local.name
  context = local.contexts.cluster
  cluster = {
    name            = module.cluster.cluster_name
    oidc_issuer_url = module.cluster.oidc_issuer_url
  }
  zone = {
    domain         = var.dns.zone
    resource_group = var.dns.resource_group
    managed_zone   = var.dns.managed_zone
  }
  hosts_domain = var.environment == "prod" ? var.dns.zone : "${var.environment}.${var.dns.zone}"
  tls          = var.dns.tls

  depends_on = [module.addons]
}

output "hosts_domain" {
  description = "The domain this environment's service hosts are named under."
  value       = module.dns.hosts_domain
}
