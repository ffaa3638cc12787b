#!/usr/bin/env bash
# Sets the image tag of one environment's overlay. With blue/green, the idle colour
# (the one behind the preview Service) gets the new image.
# usage: set-image.sh <environment> <tag>
set -euo pipefail
environment="$1"
tag="$2"
settings=.forja/service.json
overlay="k8s/overlays/${environment}"

if ! jq -e --arg env "$environment" '.environments | index($env)' "$settings" >/dev/null; then
  echo "unknown environment: ${environment}" >&2
  exit 1
fi
if [[ ! "$tag" =~ ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$ ]]; then
  echo "invalid image tag: ${tag}" >&2
  exit 1
fi

image="$(jq -r .image "$settings")"
name="$(jq -r .name "$settings")"
if [[ "$(jq -r .deployStrategy "$settings")" == "blue-green" ]]; then
  idle="$(yq '. | select(.metadata.name == "'"${name}"'-preview") | .spec.selector."forja.dev/color"' "${overlay}/patch-active-color.yaml")"
  placeholder="${name}-${idle}"
else
  placeholder="${name}"
fi
(cd "$overlay" && kustomize edit set image "${placeholder}=${image}:${tag}")
echo "${environment}: ${placeholder} -> ${image}:${tag}"
