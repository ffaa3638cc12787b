variable "name" {
  type        = string
  description = "Name of the platform; resources are named <name>-<environment>."

  validation {
    condition     = can(regex("^[a-z][a-z0-9-]{0,14}[a-z0-9]$", var.name))
    error_message = "name must be a DNS-1123 label of at most 16 characters."
  }
}

variable "environment" {
  type        = string
  description = "The environment this root provisions."

  validation {
    condition     = contains(["dev", "qa", "staging", "prod"], var.environment)
    error_message = "environment must be dev, qa, staging or prod."
  }
}

variable "region" {
  type        = string
  description = "Cloud region."
}

variable "tags" {
  type        = map(string)
  description = "Tags (labels on GCP) added to every resource."
  default     = {}
}

variable "network_cidr" {
  type        = string
  description = "Address space of the environment's network."
}

variable "zone_count" {
  type        = number
  description = "Availability zones to spread over."
  default     = 2
}

variable "cluster" {
  type = object({
    kubernetes_version = string
    serverless         = bool
    node_pool = object({
      instance_type = string
      min_size      = number
      max_size      = number
      desired_size  = number
    })
  })
  description = "Kubernetes cluster: version, serverless (EKS Fargate, GKE Autopilot) and the node pool."
}

variable "registry_repositories" {
  type        = list(string)
  description = "Container image repositories to create."
  default     = []
}

variable "observability" {
  type = object({
    enabled        = bool
    retention_days = number
    logs           = optional(bool, false)
    traces         = optional(bool, false)
    alert_receivers = optional(list(object({
      name     = string
      type     = string
      channel  = optional(string)
      severity = optional(string, "critical")
    })), [])
  })
  description = "kube-prometheus-stack (Prometheus, Alertmanager and its receivers, Grafana), Loki with Alloy for logs, Tempo for traces."
  default     = { enabled = true, retention_days = 15 }
}

variable "alert_receiver_secrets" {
  type        = map(string)
  description = "Per alert receiver name: its Slack webhook URL, PagerDuty routing key or webhook URL (the workflow passes the ALERT_RECEIVER_SECRETS repository secret, a JSON object)."
  default     = {}
  sensitive   = true
}

variable "gitops" {
  type = object({
    repo_url        = string
    target_revision = string
    chart_version   = string
  })
  description = "Argo CD: the repository and revision of argocd/apps/<environment> (app-of-apps) and the argo-cd chart version."
}
