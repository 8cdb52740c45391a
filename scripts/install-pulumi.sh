#!/usr/bin/env bash
# Installs the Pulumi CLI at the version this project pins, building it from its Go module when no
# matching `pulumi` is on PATH, and prints the folder that contains it. The build goes into a per-user
# cache keyed by version, so every clone on the machine reuses it after the first build.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(dirname "$here")"
version="$(sed -n 's|^.*github.com/pulumi/pulumi/pkg/v3 v\([0-9.]*\).*$|\1|p' "$here/pulumi-cli/go.mod")"
sdk_version="$(node -p "require('$root/package.json').devDependencies['@pulumi/pulumi']")"

if [[ "$version" != "$sdk_version" ]]; then
  echo "install-pulumi: scripts/pulumi-cli/go.mod pins the CLI at $version but package.json pins @pulumi/pulumi at $sdk_version; pin both to one version" >&2
  exit 1
fi

log() { echo "install-pulumi: $*" >&2; }

# A pulumi already on PATH at exactly this version is used as it is.
if existing="$(command -v pulumi 2>/dev/null)" && [[ "$("$existing" version 2>/dev/null)" == "v$version" ]]; then
  dirname "$existing"
  exit 0
fi

cache="${PULUMI_IRSFA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-irsfa}/pulumi-v$version"
mkdir -p "$cache"

# The dynamic provider plugin ships in @pulumi/pulumi. A copy beside the CLI counts as a bundled
# plugin, as in Pulumi's own release archives, so the CLI does not warn about an ambient plugin.
install_plugin() {
  local plugin="$root/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs"
  if [[ -f "$plugin" ]] && ! cmp -s "$plugin" "$cache/pulumi-resource-pulumi-nodejs"; then
    install -m 0755 "$plugin" "$cache/pulumi-resource-pulumi-nodejs"
  fi
}

exec 9>"$cache/.lock"
flock 9

if [[ -x "$cache/pulumi" ]] && [[ "$("$cache/pulumi" version 2>/dev/null)" == "v$version" ]]; then
  install_plugin
  echo "$cache"
  exit 0
fi

if ! command -v go >/dev/null; then
  log "Go is needed to build the Pulumi CLI v$version and is not on PATH"
  exit 1
fi

log "building the Pulumi CLI v$version from its Go module (a few minutes, once per machine)"
started=$SECONDS
tmp="$(mktemp -d "$cache/build.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
(
  cd "$here/pulumi-cli"
  GOFLAGS=-mod=mod CGO_ENABLED=0 go build -trimpath \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=v$version" \
    -o "$tmp/pulumi" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi
)
mv "$tmp/pulumi" "$cache/pulumi"
install_plugin
log "built $("$cache/pulumi" version) in $((SECONDS - started)) s into $cache"
echo "$cache"
