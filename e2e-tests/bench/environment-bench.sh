#!/usr/bin/env bash
# Environments on real pods, each figure beside a baseline from the same run:
#   - apply -> Ready of a 1-worker ArrayCluster whose environment is already built, beside the same
#     cluster without an environment (target: <= 1.2x), median of --rounds rounds each;
#   - the first build of a small package set (one pure-Python package) and of a medium one
#     (scikit-learn and its dependencies), from the local package index, in a fresh namespace each.
# It runs on a cluster of its own with the real node, the local package index and the operator
# installed by the chart (as e2e-tests/realpods.sh does). Not a test: it prints figures.
# Usage: environment-bench.sh [--rounds N] [--keep-cluster]
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOG_PREFIX=bench
source "$ROOT/e2e-tests/cluster/lib.sh"
LOCALCLUSTER="$ROOT/e2e-tests/cluster/localcluster"
MIRROR="$ROOT/e2e-tests/cluster/pypi-mirror"
NAME=tessera-bench-env NS=tessera-system
ROUNDS=5 KEEP=false
SMALL='["tabulate==0.9.0"]'
MEDIUM='["scikit-learn==1.9.1"]'   # the mirror holds it and its dependencies (environment-medium.txt)
MEDIUM_LIST="$BENCH_DIR/environment-medium.txt"

while [[ $# -gt 0 ]]; do
  case "$1" in
    --rounds) ROUNDS="${2:?--rounds needs a number}"; shift 2 ;;
    --keep-cluster) KEEP=true; shift ;;
    -h|--help) sed -n '2,9p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.2f", b - a }'; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.2f", a / b }'; }

cluster() { # name, pip list as JSON ('' for none)
  local environment=""
  [[ -n "$2" ]] && environment="  environment: {pip: $2}"
  cat <<YAML
apiVersion: tessera.io/v1alpha1
kind: ArrayCluster
metadata: {name: $1}
spec:
$environment
  worker:
    replicas: 1
    resources:
      requests: {cpu: 50m, memory: 320Mi}
      limits: {memory: 768Mi}
YAML
}

wait_ready() { # namespace, name: until Ready; a failed cluster (a failed build) ends the benchmark with its reason
  local deadline=$((SECONDS + 900)) state
  while ((SECONDS < deadline)); do
    state="$(kubectl get -n "$1" "ac/$2" -o jsonpath='{.status.phase} {.status.conditions[?(@.type=="Ready")].status}')"
    case "$state" in
      *" True") return 0 ;;
      "Failed "*) die "ArrayCluster $1/$2 failed: $(kubectl get -n "$1" "ac/$2" \
        -o jsonpath='{.status.conditions[?(@.type=="Ready")].message}')" ;;
    esac
    sleep 0.2
  done
  die "ArrayCluster $1/$2 not Ready after 15 minutes"
}

time_to_ready() { # namespace, name, pip JSON: prints seconds from apply to Ready, then deletes it
  local start elapsed
  start="$(now)"
  cluster "$2" "$3" | kubectl apply -n "$1" -f - >/dev/null
  wait_ready "$1" "$2"
  elapsed="$(seconds_since "$start")"
  kubectl delete -n "$1" "ac/$2" --wait=true >/dev/null
  echo "$elapsed"
}

build_seconds() { # namespace: start -> completion of its (only) build Job, in seconds
  kubectl get jobs -n "$1" -l app.kubernetes.io/component=environment-build -o json | python3 -c '
import datetime, json, sys
job = json.load(sys.stdin)["items"][0]["status"]
at = lambda t: datetime.datetime.fromisoformat(t.replace("Z", "+00:00"))
print(int((at(job["completionTime"]) - at(job["startTime"])).total_seconds()))'
}

fresh_namespace() {
  kubectl create namespace "$1" >/dev/null
  kubectl label namespace "$1" pod-security.kubernetes.io/enforce=restricted >/dev/null
}

log "images, cluster '$NAME' with the real node, the local package index (with the medium set), the operator"
"$ROOT/e2e-tests/cluster/images" build >/dev/null
"$LOCALCLUSTER" down --name "$NAME" >/dev/null 2>&1 || true
"$LOCALCLUSTER" up --name "$NAME" --real-node --nodes 0 --gpu-nodes 0 >/dev/null
eval "$("$LOCALCLUSTER" env --name "$NAME")"
$KEEP || trap '"$MIRROR" stop --name "$NAME" >/dev/null 2>&1 || true; "$LOCALCLUSTER" down --name "$NAME" >/dev/null 2>&1 || true' EXIT
LIST="$(mktemp)"
cat "$ROOT/e2e-tests/cluster/pypi-mirror.txt" "$MEDIUM_LIST" >"$LIST"
"$MIRROR" start --name "$NAME" --list "$LIST" >/dev/null
INDEX="$("$MIRROR" url --name "$NAME")"
HELM="${HELM:-$("$ROOT/helm/build-helm.sh")}"
kubectl apply --server-side --force-conflicts -f "$ROOT/helm/tessera/crds/" >/dev/null
"$HELM" install tessera "$ROOT/helm/tessera" --namespace "$NS" --create-namespace \
  -f "$ROOT/helm/tessera/ci/operator-only-values.yaml" --set operator.replicas=1 \
  --set-string operator.environments.indexUrl="$INDEX" \
  --wait --timeout 180s >/dev/null

log "first builds (fresh namespace each: nothing cached)"
fresh_namespace bench-small
cluster first "$SMALL" | kubectl apply -n bench-small -f - >/dev/null
wait_ready bench-small first
small_build="$(build_seconds bench-small)"
kubectl delete -n bench-small ac/first --wait=true >/dev/null
fresh_namespace bench-medium
cluster first "$MEDIUM" | kubectl apply -n bench-medium -f - >/dev/null
wait_ready bench-medium first
medium_build="$(build_seconds bench-medium)"
kubectl delete namespace bench-medium --wait=false >/dev/null

log "time to Ready, $ROUNDS rounds each, alternating: without an environment / with the built one"
plain=() built=()
for ((round = 1; round <= ROUNDS; round++)); do
  plain+=("$(time_to_ready bench-small "plain-$round" "")")
  built+=("$(time_to_ready bench-small "built-$round" "$SMALL")")
  log "round $round: ${plain[-1]} s without, ${built[-1]} s with the built environment"
done
plain_median="$(printf '%s\n' "${plain[@]}" | median)"
built_median="$(printf '%s\n' "${built[@]}" | median)"
builds="$(kubectl get jobs -n bench-small -l app.kubernetes.io/component=environment-build --no-headers | wc -l)"

printf '\n%-72s %12s %s\n' "figure ($(date -u +%F), $(nproc) cores)" "Tessera" "baseline (same run)"
printf '%-72s %10s s %s\n' "apply -> Ready, 1 worker, environment already built (median of $ROUNDS)" \
  "$built_median" "$plain_median s without an environment ($(ratio "$built_median" "$plain_median")x; target <= 1.2x)"
printf '%-72s %10s s %s\n' "first build, small set: $SMALL" "$small_build" "build Jobs in the namespace afterwards: $builds (one per content)"
printf '%-72s %10s s %s\n' "first build, medium set: $MEDIUM" "$medium_build" "(scikit-learn and its dependencies, from the local index)"
