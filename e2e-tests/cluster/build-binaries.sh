#!/usr/bin/env bash
# Builds the local control plane from the published Go modules pinned in go/*/go.mod:
# kube-apiserver, kube-controller-manager, kube-scheduler, kubectl and etcd in one `go build`
# (they share most packages), then kwok and kwokctl in a second one (kwok needs newer k8s.io
# libraries than the control plane, so it cannot share the module graph).
# Binaries land in the cache directory keyed by version and are rebuilt only when missing.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

usage() {
  cat <<USAGE
Usage: build-binaries.sh [--node] [--print-dirs]

Builds (once) the Kubernetes $KUBE_VERSION control plane, etcd $ETCD_VERSION and kwok $KWOK_VERSION
into $TESSERA_CACHE/bin. Set TESSERA_CACHE to move the cache.
  --node        also build the real node's kubelet and kube-proxy $KUBE_VERSION and CoreDNS $COREDNS_VERSION
  --print-dirs  only print the binary directories (KUBE_BIN_DIR=..., KWOK_BIN_DIR=..., NODE_BIN_DIR=...,
                COREDNS_BIN_DIR=...)
USAGE
}

all_present() { # <dir> <binary>...
  local dir="$1"; shift
  local b; for b in "$@"; do [[ -x "$dir/$b" ]] || return 1; done
}

# wait_briefly <pid>: true once the process has ended, false after a minute of waiting.
wait_briefly() {
  local i
  for ((i = 0; i < 60; i++)); do kill -0 "$1" 2>/dev/null || return 0; sleep 1; done
  return 1
}

# go_build <module dir> <output dir> <ldflags> <package>...: builds into a temporary directory and
# renames it into place, so an interrupted build never leaves a half-filled cache entry behind.
go_build() {
  local module="$1" out="$2" ldflags="$3"; shift 3
  local tmp="$out.tmp.$$"
  rm -rf "$tmp"; mkdir -p "$tmp"
  # The checksum database is not reachable from our machines; go.sum is committed instead and
  # -mod=readonly makes the build fail if a downloaded module does not match it.
  (cd "$module" && GOTOOLCHAIN=local GOSUMDB=off GOFLAGS="-mod=readonly -buildvcs=false" \
     go build -trimpath -ldflags "-s -w $ldflags" -o "$tmp/" "$@") &
  local build=$! started=$SECONDS
  # go build is silent for minutes; say that it is alive.
  while ! wait_briefly "$build"; do
    log "still building ($(( (SECONDS - started) / 60 )) min so far)"
  done
  wait "$build" || die "go build failed in $module (output above)"
  rm -rf "$out"; mv "$tmp" "$out"
}

# Without a stamped version the API server reports v0.0.0 and its compatibility-version machinery
# refuses to start, so stamp the version the way the Kubernetes release build does.
kube_ldflags() {
  local v="$KUBE_VERSION" minor ldflags="" pkg
  minor="$(cut -d. -f2 <<<"$v")"
  for pkg in k8s.io/component-base/version k8s.io/client-go/pkg/version; do
    ldflags+=" -X $pkg.gitVersion=$v -X $pkg.gitMajor=1 -X $pkg.gitMinor=$minor -X $pkg.gitTreeState=clean"
  done
  echo "$ldflags"
}

build_kube() {
  log "building kube-apiserver, kube-controller-manager, kube-scheduler, kubectl $KUBE_VERSION and etcd $ETCD_VERSION (cold: ~15 min on 2 cores)"
  go_build "$CLUSTER_DIR/go/k8s" "$KUBE_BIN_DIR" "$(kube_ldflags)" \
    ./cmd/etcd k8s.io/kubernetes/cmd/kube-apiserver k8s.io/kubernetes/cmd/kube-controller-manager \
    k8s.io/kubernetes/cmd/kube-scheduler k8s.io/kubernetes/cmd/kubectl
}

build_kwok() {
  local c=sigs.k8s.io/kwok/pkg/consts
  log "building kwok and kwokctl $KWOK_VERSION"
  # KubeVersion tells kwokctl which flag set the control-plane binaries understand.
  go_build "$CLUSTER_DIR/go/kwok" "$KWOK_BIN_DIR" \
    "-X $c.Version=${KWOK_VERSION#v} -X $c.KubeVersion=${KUBE_VERSION#v}" \
    sigs.k8s.io/kwok/cmd/kwok sigs.k8s.io/kwok/cmd/kwokctl
}

# The kubelet and kube-proxy share the control plane's module (and most of its build cache).
build_node() {
  log "building kubelet and kube-proxy $KUBE_VERSION for the real node (cold: ~3 min on 2 cores; with a warm build cache: seconds)"
  go_build "$CLUSTER_DIR/go/k8s" "$NODE_BIN_DIR" "$(kube_ldflags)" \
    k8s.io/kubernetes/cmd/kubelet k8s.io/kubernetes/cmd/kube-proxy
}

build_coredns() {
  log "building CoreDNS $COREDNS_VERSION (cluster DNS of the real node)"
  go_build "$CLUSTER_DIR/go/coredns" "$COREDNS_BIN_DIR" \
    "-X github.com/coredns/coredns/coremain.GitCommit=$COREDNS_VERSION" .
}

main() {
  local node=false
  while [[ $# -gt 0 ]]; do
    case "$1" in
      -h|--help) usage; return ;;
      --print-dirs)
        printf '%s\n' "KUBE_BIN_DIR=$KUBE_BIN_DIR" "KWOK_BIN_DIR=$KWOK_BIN_DIR" \
          "NODE_BIN_DIR=$NODE_BIN_DIR" "COREDNS_BIN_DIR=$COREDNS_BIN_DIR"
        return ;;
      --node) node=true; shift ;;
      *) usage >&2; die "unknown argument: $1" ;;
    esac
  done
  command -v go >/dev/null || die "go is not installed (needed to build the local control plane)"
  all_present "$KUBE_BIN_DIR" "${KUBE_BINARIES[@]}" || build_kube
  all_present "$KWOK_BIN_DIR" "${KWOK_BINARIES[@]}" || build_kwok
  if $node; then
    all_present "$NODE_BIN_DIR" "${NODE_BINARIES[@]}" || build_node
    all_present "$COREDNS_BIN_DIR" coredns || build_coredns
    log "binaries ready: $KUBE_BIN_DIR, $KWOK_BIN_DIR, $NODE_BIN_DIR, $COREDNS_BIN_DIR"
  else
    log "binaries ready: $KUBE_BIN_DIR, $KWOK_BIN_DIR"
  fi
}

main "$@"
