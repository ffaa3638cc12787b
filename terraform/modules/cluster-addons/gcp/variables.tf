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
    network_id      = string
    serverless      = bool
  })
  description = "The cluster the add-ons go into: its name, service account token issuer, network and whether it runs pods without nodes."
}

variable "chart_versions" {
  type = object({
    aws_load_balancer_controller = optional(string, "3.5.0")
    cluster_autoscaler           = optional(string, "9.43.3")
    external_secrets             = optional(string, "2.9.0")
  })
  description = "Pinned Helm chart versions of the add-ons (the ones a cloud does not use are ignored)."
  default     = {}
}
