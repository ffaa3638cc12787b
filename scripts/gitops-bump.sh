#!/usr/bin/env bash
# Moves one environment of Forja to an image: the overlay's image and tag, and the pinned
# revision of its Argo CD application when the tag is a release (v<tag> exists as a tag).
# usage: scripts/gitops-bump.sh <environment> <image> <tag>
set -euo pipefail
environment="$1"
image="$2"
tag="$3"
overlay="k8s/overlays/${environment}"
application="k8s/argocd/application-${environment}.yaml"

if [[ ! -d "$overlay" ]]; then
  echo "unknown environment: ${environment}" >&2
  exit 1
fi
if [[ ! "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
  echo "invalid image tag: ${tag}" >&2
  exit 1
fi
if [[ ! "$image" =~ ^[a-z0-9][a-z0-9./_-]{0,254}$ ]]; then
  echo "invalid image name: ${image}" >&2
  exit 1
fi
(cd "$overlay" && kustomize edit set image "forja=${image}:${tag}")
if git rev-parse -q --verify "refs/tags/v${tag}" >/dev/null; then
  yq -i ".spec.source.targetRevision = \"v${tag}\"" "$application"
fi
echo "${environment}: forja -> ${image}:${tag}"
