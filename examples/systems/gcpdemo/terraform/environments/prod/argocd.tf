resource "helm_release" "argocd" {
  name             = "argocd"
  namespace        = "argocd"
  create_namespace = true
  repository       = "https://argoproj.github.io/argo-helm"
  chart            = "argo-cd"
  version          = var.gitops.chart_version
  atomic           = true

  values = [yamlencode({
    configs = { params = { "server.insecure" = false } }
    dex     = { enabled = false }
  })]

  depends_on = [module.cluster]
}

resource "helm_release" "app_of_apps" {
  name       = "argocd-apps"
  namespace  = helm_release.argocd.namespace
  repository = "https://argoproj.github.io/argo-helm"
  chart      = "argocd-apps"
  version    = "2.0.2"

  values = [yamlencode({
    applications = {
      platform = {
        namespace  = helm_release.argocd.namespace
        project    = "default"
        finalizers = ["resources-finalizer.argocd.argoproj.io"]
        source = {
          repoURL        = var.gitops.repo_url
          targetRevision = var.gitops.target_revision
          path           = "argocd/apps/${var.environment}"
        }
        destination = { server = "https://kubernetes.default.svc", namespace = helm_release.argocd.namespace }
        syncPolicy  = { automated = { prune = true, selfHeal = true } }
      }
    }
  })]
}
