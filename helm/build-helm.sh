#!/usr/bin/env bash
# Builds (once) the Helm v3 CLI pinned in go/go.mod from the Go module proxy and prints its path.
# Debian has no helm package and the release downloads on GitHub are unreachable from our machines,
# so the chart's tests use a helm built here, cached by version like the local control plane.
#   helm/build-helm.sh            -> prints .../bin/helm-<version>/helm (builds it if missing)
# Set TESSERA_CACHE to move the cache (default ~/.cache/tessera).
set -euo pipefail

HELM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
MODULE_DIR="$HELM_DIR/go"
TESSERA_CACHE="${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}"

log() { printf "[build-helm] %s\n" "$*" >&2; }
die() { printf "[build-helm] error: %s\n" "$*" >&2; exit 1; }

module_version() { # <go.mod> <module path>: handles block and single-line require directives
  awk -v m="$2" '$1 == "require" && $2 == m { print $3; exit } $1 == m && $2 ~ /^v/ { print $2; exit }' "$1"
}

HELM_VERSION="$(module_version "$MODULE_DIR/go.mod" helm.sh/helm/v3)"
[[ -n "$HELM_VERSION" ]] || die "no helm.sh/helm/v3 version in $MODULE_DIR/go.mod"
OUT_DIR="$TESSERA_CACHE/bin/helm-$HELM_VERSION"

build() {
  command -v go >/dev/null || die "go is not installed (needed to build helm)"
  # Helm's Makefile stamps its own version and the Kubernetes version it assumes for
  # `helm template`/`helm lint` (.Capabilities.KubeVersion) from the client-go it was built with.
  local kube major minor
  kube="$(module_version "$MODULE_DIR/go.mod" k8s.io/client-go)"   # v0.N.x -> Kubernetes 1.N
  major=1; minor="$(cut -d. -f2 <<<"$kube")"
  local ldflags="-s -w -X helm.sh/helm/v3/internal/version.version=$HELM_VERSION"
  ldflags+=" -X helm.sh/helm/v3/internal/version.gitTreeState=clean"
  local pkg; for pkg in helm.sh/helm/v3/pkg/lint/rules helm.sh/helm/v3/pkg/chartutil; do
    ldflags+=" -X $pkg.k8sVersionMajor=$major -X $pkg.k8sVersionMinor=$minor"
  done
  local tmp="$OUT_DIR.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  trap 'rm -rf "$tmp"' EXIT
  log "building helm $HELM_VERSION (cold: a few minutes on 2 cores)"
  local started=$SECONDS
  # The checksum database is not reachable; go.sum is committed and -mod=readonly makes the
  # build fail if a downloaded module does not match it.
  (cd "$MODULE_DIR" && GOTOOLCHAIN=local GOSUMDB=off GOFLAGS="-mod=readonly -buildvcs=false" \
     go build -trimpath -ldflags "$ldflags" -o "$tmp/helm" helm.sh/helm/v3/cmd/helm) \
     || die "go build failed (output above)"
  # Rename into place so an interrupted build never leaves a half-filled cache entry.
  rm -rf "$OUT_DIR"; mv "$tmp" "$OUT_DIR"
  trap - EXIT
  log "built in $((SECONDS - started)) s"
}

case "${1:-}" in
  -h|--help) sed -n '2,6p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) die "unknown argument: $1 (try --help)" ;;
esac
[[ -x "$OUT_DIR/helm" ]] || build
echo "$OUT_DIR/helm"
