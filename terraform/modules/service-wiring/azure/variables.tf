variable "name" {
  type        = string
  description = "The service's name: its ServiceAccount, Argo CD project and the prefix of its Applications (DNS-1123 label)."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,38}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of 2 to 40 characters."
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

variable "platform" {
  type        = string
  description = "Name of the environment (<platform>-<environment>): the prefix of the service's cloud identity and secret."
}

variable "cluster" {
  type = object({
    name            = string
    oidc_issuer_url = string
  })
  description = "The cluster the service runs in: its name and service account token issuer."
}

variable "deployment" {
  type = object({
    environment      = string
    namespace        = string
    repo_url         = string
    path             = string
    target_revision  = optional(string, "main")
    argocd_namespace = optional(string, "argocd")
    prune            = optional(bool, true)
  })
  description = "What the environment's Argo CD deploys: the service repository's overlay for this environment, into the namespace."
}

variable "bindings" {
  type = map(object({
    env       = map(string)
    resources = list(string)
  }))
  description = "Per dependency (postgres, redis, rabbitmq, queue, dynamodb) and the environment's telemetry: settings written to the service's secret and the cloud resources its identity may use."
  default     = {}
}

variable "secret_store_id" {
  type        = string
  description = "Where the service's secret is written: the Azure Key Vault id (unused on AWS and GCP, which write to the account's or project's secret manager)."
  default     = ""
}

variable "argocd_apps_chart_version" {
  type        = string
  description = "argocd-apps chart version that declares the service's Argo CD project and Application."
  default     = "2.0.2"
}
