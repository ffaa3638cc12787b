variable "name" {
  type        = string
  description = "Name prefix for every resource this module creates (DNS-1123 label)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{1,38}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of 3 to 40 characters."
  }
}

variable "context" {
  type = object({
    region              = string
    resource_group_name = optional(string)
    project_id          = optional(string)
    tags                = optional(map(string), {})
  })
  description = "Where resources go: region, plus the Azure resource group or GCP project, and tags or labels."
}

variable "cluster" {
  type = object({
    name            = string
    oidc_issuer_url = string
  })
  description = "The cluster whose Ingress hosts get records: its name (the records' owner) and service account token issuer (external-dns's identity trusts it)."
}

variable "zone" {
  type = object({
    domain         = string
    resource_group = optional(string)
    managed_zone   = optional(string)
  })
  description = "The existing public DNS zone: its domain, plus on Azure its resource group and on GCP its Cloud DNS managed zone name."
}

variable "hosts_domain" {
  type        = string
  description = "The domain this environment's hosts are named under (the zone itself, or <environment>.<zone>): certificates cover it and one label below it."
}

variable "tls" {
  type        = bool
  description = "Issue certificates for the hosts: ACM on AWS (the load balancer controller finds them by host), cert-manager with Let's Encrypt on Azure, Google-managed certificates on GCP (declared by each service)."
  default     = true
}

variable "chart_versions" {
  type = object({
    external_dns = optional(string, "1.15.0")
    cert_manager = optional(string, "v1.16.2")
  })
  description = "Pinned chart versions (cert-manager is installed on Azure only)."
  default     = {}
}
