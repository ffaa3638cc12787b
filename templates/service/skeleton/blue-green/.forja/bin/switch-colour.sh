#!/usr/bin/env bash
# Swaps the colours behind the main and preview Services of one environment and prints
# the colour that now takes live traffic. Rolling back is running it again.
# usage: switch-colour.sh <environment>
set -euo pipefail
environment="$1"
patch="k8s/overlays/${environment}/patch-active-color.yaml"
if [[ ! -f "$patch" ]]; then
  echo "unknown environment: ${environment}" >&2
  exit 1
fi
name="$(jq -r .name .forja/service.json)"
live="$(yq '. | select(.metadata.name == "'"${name}"'") | .spec.selector."forja.dev/color"' "$patch")"
idle="$(yq '. | select(.metadata.name == "'"${name}"'-preview") | .spec.selector."forja.dev/color"' "$patch")"
yq -i '(. | select(.metadata.name == "'"${name}"'") | .spec.selector."forja.dev/color") = "'"${idle}"'" |
  (. | select(.metadata.name == "'"${name}"'-preview") | .spec.selector."forja.dev/color") = "'"${live}"'"' "$patch"
echo "$idle"
