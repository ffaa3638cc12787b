# The service's Argo CD project (its repository, its namespace, the kinds a service
# deploys) and its Application for this environment. The identity patch goes in a second
# values document: it holds what only apply knows (a role ARN, a client id), while the
# first one stays readable before apply.

locals {
  application = "${var.name}-${var.deployment.environment}"
}

resource "helm_release" "this" {
  name       = "service-${var.name}"
  namespace  = var.deployment.argocd_namespace
  repository = "https://argoproj.github.io/argo-helm"
  chart      = "argocd-apps"
  version    = var.chart_version

  values = [
    jsonencode({
      projects = {
        (var.name) = {
          namespace   = var.deployment.argocd_namespace
          description = "${var.name} in ${var.deployment.environment}"
          finalizers  = ["resources-finalizer.argocd.argoproj.io"]
          sourceRepos = [var.deployment.repo_url]
          destinations = [
            { server = "https://kubernetes.default.svc", namespace = var.deployment.namespace },
          ]
          clusterResourceWhitelist = [{ group = "", kind = "Namespace" }]
          namespaceResourceWhitelist = [
            { group = "", kind = "ConfigMap" },
            { group = "", kind = "Service" },
            { group = "", kind = "ServiceAccount" },
            { group = "apps", kind = "Deployment" },
            { group = "autoscaling", kind = "HorizontalPodAutoscaler" },
            { group = "policy", kind = "PodDisruptionBudget" },
            { group = "networking.k8s.io", kind = "Ingress" },
            { group = "monitoring.coreos.com", kind = "ServiceMonitor" },
            { group = "monitoring.coreos.com", kind = "PrometheusRule" },
            { group = "external-secrets.io", kind = "ExternalSecret" },
          ]
          orphanedResources = { warn = true }
        }
      }
      applications = {
        (local.application) = {
          namespace = var.deployment.argocd_namespace
          labels = {
            "backstage.io/kubernetes-id" = var.name
            "forja.dev/environment"      = var.deployment.environment
          }
          finalizers = ["resources-finalizer.argocd.argoproj.io"]
          project    = var.name
          source = {
            repoURL        = var.deployment.repo_url
            targetRevision = var.deployment.target_revision
            path           = var.deployment.path
          }
          destination = { server = "https://kubernetes.default.svc", namespace = var.deployment.namespace }
          syncPolicy = {
            automated   = { prune = var.deployment.prune, selfHeal = true }
            syncOptions = ["CreateNamespace=true", "PruneLast=true"]
            retry       = { limit = 5, backoff = { duration = "10s", factor = 2, maxDuration = "3m" } }
          }
        }
      }
    }),
    jsonencode({
      applications = {
        (local.application) = {
          source = {
            kustomize = {
              patches = [{
                target = { kind = "ServiceAccount", name = var.name }
                patch = yamlencode({
                  apiVersion = "v1"
                  kind       = "ServiceAccount"
                  metadata   = { name = var.name, annotations = var.service_account_annotations }
                })
              }]
            }
          }
        }
      }
    }),
  ]
}
