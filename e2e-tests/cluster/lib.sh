# Shared settings for the local control-plane scripts; sourced, never executed.
# Versions are read from the wrapper go.mod files so that they are pinned in exactly one place.

CLUSTER_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TESSERA_CACHE="${TESSERA_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/tessera}"

module_version() { # <go.mod> <module path>: handles block and single-line require directives
  awk -v m="$2" '$1 == "require" && $2 == m { print $3; exit } $1 == m && $2 ~ /^v/ { print $2; exit }' "$1"
}

KUBE_VERSION="$(module_version "$CLUSTER_DIR/go/k8s/go.mod" k8s.io/kubernetes)"
ETCD_VERSION="$(module_version "$CLUSTER_DIR/go/k8s/go.mod" go.etcd.io/etcd/server/v3)"
KWOK_VERSION="$(module_version "$CLUSTER_DIR/go/kwok/go.mod" sigs.k8s.io/kwok)"
COREDNS_VERSION="$(module_version "$CLUSTER_DIR/go/coredns/go.mod" github.com/coredns/coredns)"

KUBE_BIN_DIR="$TESSERA_CACHE/bin/kube-$KUBE_VERSION-etcd-$ETCD_VERSION"
KWOK_BIN_DIR="$TESSERA_CACHE/bin/kwok-$KWOK_VERSION-kube-$KUBE_VERSION"
KUBE_BINARIES=(kube-apiserver kube-controller-manager kube-scheduler kubectl etcd)
KWOK_BINARIES=(kwok kwokctl)
# The real node (localcluster up --real-node): its own cache entries, so that adding them leaves
# the control plane's entry valid.
NODE_BIN_DIR="$TESSERA_CACHE/bin/node-$KUBE_VERSION"
NODE_BINARIES=(kubelet kube-proxy)
# CoreDNS is built from our own main.go (the plugin set): its hash is part of the key.
COREDNS_BIN_DIR="$TESSERA_CACHE/bin/coredns-$COREDNS_VERSION-$(sha256sum "$CLUSTER_DIR/go/coredns/main.go" | cut -c1-8)"

log() { printf "[%s] %s\n" "${LOG_PREFIX:-localcluster}" "$*" >&2; }
die() { printf "[%s] error: %s\n" "${LOG_PREFIX:-localcluster}" "$*" >&2; exit 1; }

# Writes <out>, a kubeconfig for the API server of the current KUBECONFIG that authenticates with a
# short-lived TokenRequest token of the ServiceAccount <namespace>/<name>: a process started with it
# has exactly the permissions that ServiceAccount has when installed (operator, gateway, tests).
service_account_kubeconfig() { # <namespace> <serviceaccount> <out>
  local namespace="$1" account="$2" out="$3" server ca token
  server="$(kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.server}')"
  ca="$(kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority-data}')"
  if [[ -z "$ca" ]]; then
    ca="$(base64 -w0 < "$(kubectl config view --minify --raw -o jsonpath='{.clusters[0].cluster.certificate-authority}')")"
  fi
  token="$(kubectl create token "$account" -n "$namespace" --duration=24h)" \
    || die "no token for ServiceAccount $namespace/$account (is it installed?)"
  (umask 077; cat > "$out" <<KUBECONFIG
apiVersion: v1
kind: Config
clusters: [{name: cluster, cluster: {server: "$server", certificate-authority-data: "$ca"}}]
users: [{name: $account, user: {token: "$token"}}]
contexts: [{name: $account, context: {cluster: cluster, user: $account}}]
current-context: $account
KUBECONFIG
  )
}
