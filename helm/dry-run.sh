#!/usr/bin/env bash
# Server-side dry-run of every value case of the chart against a running (local) cluster:
#   the render of each helm/tests/cases/<case>.yaml (its golden file helm/tests/golden/<case>.yaml,
#   which helm/tests/golden.sh keeps equal to the render), then kubectl apply --server-side --dry-run=server --validate=strict of the render, so the real API
#   server checks every object against its schema (the Prometheus Operator CRDs are installed from
#   e2e-tests/cluster/third-party-crds first, the Tessera CRDs by localcluster up).
# The release namespace is labelled pod-security.kubernetes.io/warn=restricted: any pod template
# that would violate the "restricted" Pod Security Standard makes the API server warn, and the
# case fails. Namespaces the renders need are created first and deleted again at the end.
#
# Usage: helm/dry-run.sh --cluster NAME [--case NAME]...
#   --cluster NAME   local cluster (e2e-tests/cluster/localcluster up --name NAME); required
#   --case NAME      only these cases (file names under helm/tests/cases without .yaml)
set -euo pipefail
HELM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HELM_DIR/.." && pwd)"
CASES_DIR="$HELM_DIR/tests/cases"
RELEASE_NAMESPACE=tessera-system

log() { printf "[dry-run] %s\n" "$*" >&2; }
die() { printf "[dry-run] error: %s\n" "$*" >&2; exit 2; }
usage() { sed -n '2,15p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; }

CLUSTER="" ONLY=()
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --cluster) [[ $# -ge 2 ]] || die "--cluster needs a name"; CLUSTER="$2"; shift 2 ;;
    --case) [[ $# -ge 2 ]] || die "--case needs a name"; ONLY+=("$2"); shift 2 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done
[[ -n "$CLUSTER" ]] || die "--cluster NAME is required (start one with: e2e-tests/cluster/localcluster up --name NAME)"

LOCALCLUSTER="$REPO/e2e-tests/cluster/localcluster"
"$LOCALCLUSTER" status --name "$CLUSTER" >/dev/null 2>&1 \
  || die "cluster '$CLUSTER' is not running: start it with e2e-tests/cluster/localcluster up --name $CLUSTER"
eval "$("$LOCALCLUSTER" env --name "$CLUSTER")"

# Cases: every helm/tests/cases/*.yaml, dry-run as its golden render.
declare -A CASE_FILE=()
for f in "$CASES_DIR"/*.yaml; do [[ -e "$f" ]] && CASE_FILE["$(basename "$f" .yaml)"]="$HELM_DIR/tests/golden/$(basename "$f")"; done
if ((${#ONLY[@]})); then
  for c in "${ONLY[@]}"; do [[ -v "CASE_FILE[$c]" ]] || die "no case '$c' (cases: ${!CASE_FILE[*]})"; done
  NAMES=("${ONLY[@]}")
else
  mapfile -t NAMES < <(printf '%s\n' "${!CASE_FILE[@]}" | sort)
fi

WORK="$(mktemp -d)"
CREATED_NAMESPACES=()
cleanup() {
  local ns
  # Waits for the deletion: a namespace still Terminating would break the next test's dry-run into it.
  for ns in "${CREATED_NAMESPACES[@]}"; do kubectl delete namespace "$ns" --timeout=120s >/dev/null 2>&1 || true; done
  rm -rf "$WORK"
}
trap cleanup EXIT

ensure_namespace() { # <name>: created (and later deleted) only when missing
  kubectl get namespace "$1" >/dev/null 2>&1 && return 0
  kubectl create namespace "$1" >/dev/null
  CREATED_NAMESPACES+=("$1")
}

log "installing the Prometheus Operator CRDs (ServiceMonitor, PrometheusRule)"
"$REPO/e2e-tests/cluster/third-party-crds" --install monitoring >/dev/null \
  || die "could not install the Prometheus Operator CRDs (output above)"

ensure_namespace "$RELEASE_NAMESPACE"
# Warn (never reject: this is a shared test cluster) on any pod template below "restricted".
kubectl label namespace "$RELEASE_NAMESPACE" --overwrite pod-security.kubernetes.io/warn=restricted \
  pod-security.kubernetes.io/warn-version=latest >/dev/null

FAILURES=0 started=$SECONDS
for name in "${NAMES[@]}"; do
  out="${CASE_FILE[$name]}"
  [[ -f "$out" ]] || { log "FAIL: $name: no golden render $out (run helm/tests/golden.sh --update)"; FAILURES=$((FAILURES + 1)); continue; }
  # Namespaces the render puts objects into (group namespaces) must exist for a dry-run.
  while read -r ns; do [[ -n "$ns" ]] && ensure_namespace "$ns"; done < <(python3 - "$out" <<'PY'
import sys, yaml
for d in yaml.safe_load_all(open(sys.argv[1])):
    if not d:
        continue
    ns = d["metadata"]["name"] if d["kind"] == "Namespace" else d["metadata"].get("namespace")
    if ns:
        print(ns)
PY
)
  objects="$(grep -c '^kind:' "$out" || true)"
  if kubectl apply --server-side --force-conflicts --dry-run=server --validate=strict --field-manager=tessera-dry-run \
       -f "$out" >"$WORK/$name.out" 2>"$WORK/$name.err"; then
    if grep -qi "warning" "$WORK/$name.err"; then
      cat "$WORK/$name.err" >&2; log "FAIL: $name: the API server warned (above)"; FAILURES=$((FAILURES + 1))
    else
      log "ok: $name ($objects objects accepted by the API server, no Pod Security warning)"
    fi
  else
    cat "$WORK/$name.err" >&2; log "FAIL: $name: the API server rejected the render"; FAILURES=$((FAILURES + 1))
  fi
done

log "${#NAMES[@]} case(s) in $((SECONDS - started)) s, $FAILURES failed"
((FAILURES == 0))
