#!/usr/bin/env bash
# Prints the image tag an environment runs (the active colour's, with blue/green).
# usage: current-tag.sh <environment>
set -euo pipefail
environment="$1"
settings=.forja/service.json
overlay="k8s/overlays/${environment}"
name="$(jq -r .name "$settings")"
placeholder="${name}"
if [[ "$(jq -r .deployStrategy "$settings")" == "blue-green" ]]; then
  active="$(yq '. | select(.metadata.name == "'"${name}"'") | .spec.selector."forja.dev/color"' "${overlay}/patch-active-color.yaml")"
  placeholder="${name}-${active}"
fi
yq '.images[] | select(.name == "'"${placeholder}"'") | .newTag' "${overlay}/kustomization.yaml"
