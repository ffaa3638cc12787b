variable "name" {
  type        = string
  description = "The service's name: its Argo CD project and the prefix of its Application."
}

variable "deployment" {
  type = object({
    environment      = string
    namespace        = string
    repo_url         = string
    path             = string
    target_revision  = string
    argocd_namespace = string
    prune            = bool
  })
  description = "The service repository's overlay for this environment and the namespace it goes into."
}

variable "service_account_annotations" {
  type        = map(string)
  description = "Annotations that give the service's ServiceAccount its cloud identity, patched in by the Application."
}

variable "chart_version" {
  type        = string
  description = "argocd-apps chart version."
}
