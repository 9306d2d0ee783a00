#!/usr/bin/env bash
# Operator benchmark on a dedicated local cluster, each figure printed beside a baseline measured
# in the same run:
#   - apply -> Ready of a 100-worker ArrayCluster, beside a 100-replica Deployment becoming ready
#     (Kubernetes' own ReplicaSet controller on the same simulated nodes);
#   - the operator's RSS and heap with 100 clusters x 10 workers, beside the same process idle.
# Not a test: it prints figures. Usage: operator-bench.sh [--keep-cluster]
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_PREFIX=bench
source "$BENCH_DIR/../cluster/lib.sh"
LOCALCLUSTER="$BENCH_DIR/../cluster/localcluster"
OPERATOR="$BENCH_DIR/../cluster/operator"
NAME=tessera-bench
CLUSTERS=100 WORKERS_EACH=10 BIG=100
KEEP=false
[[ "${1:-}" == "--keep-cluster" ]] && KEEP=true

now() { date +%s.%N; }
seconds_since() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }
rss_mb() { awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$1/status"; }
operator_pid() { cat "$TESSERA_CACHE/clusters/$NAME/operator.pid"; }
heap_mb() { # from the operator's own Prometheus endpoint (random loopback port, read from its log)
  local port
  port="$(grep -o 'Listening on: http://127.0.0.1:[0-9]*' "$("$OPERATOR" logs --name "$NAME")" | tail -1 | sed 's/.*://')"
  curl -s "http://127.0.0.1:$port/q/metrics" \
    | awk 'index($0, "jvm_memory_used_bytes{area=\"heap\"") == 1 { sum += $NF } END { printf "%.0f", sum / 1048576 }'
}

# Enough simulated nodes for 100 x 10 workers + schedulers (110 pods per node).
"$LOCALCLUSTER" up --name "$NAME" --nodes 10
eval "$("$LOCALCLUSTER" env --name "$NAME")"
$KEEP || trap '"$LOCALCLUSTER" down --name "$NAME" >/dev/null 2>&1 || true' EXIT
"$OPERATOR" start --name "$NAME" -D tessera.operator.worker-batch-size=16
sleep 5
idle_rss="$(rss_mb "$(operator_pid)")" idle_heap="$(heap_mb)"

log "baseline: Deployment with $BIG replicas"
kubectl create namespace bench-baseline >/dev/null
start="$(now)"
kubectl create deployment baseline -n bench-baseline --image=registry.invalid/pause --replicas="$BIG" >/dev/null
kubectl rollout status deployment/baseline -n bench-baseline --timeout=600s >/dev/null
baseline_ready="$(seconds_since "$start")"
kubectl delete namespace bench-baseline --wait=true >/dev/null

log "Tessera: ArrayCluster with $BIG workers (minReplicas $BIG, so Ready means all of them)"
kubectl create namespace bench-big >/dev/null
start="$(now)"
kubectl apply -n bench-big -f - >/dev/null <<YAML
apiVersion: tessera.io/v1alpha1
kind: ArrayCluster
metadata: {name: big}
spec:
  worker: {replicas: $BIG, minReplicas: $BIG, maxReplicas: $BIG}
YAML
kubectl wait -n bench-big --for=condition=Ready --timeout=600s arraycluster/big >/dev/null
tessera_ready="$(seconds_since "$start")"
kubectl delete namespace bench-big --wait=true >/dev/null

log "Tessera: $CLUSTERS clusters x $WORKERS_EACH workers"
kubectl create namespace bench-many >/dev/null
start="$(now)"
for i in $(seq 1 "$CLUSTERS"); do
  cat <<YAML
---
apiVersion: tessera.io/v1alpha1
kind: ArrayCluster
metadata: {name: c$i}
spec:
  worker: {replicas: $WORKERS_EACH, minReplicas: $WORKERS_EACH, maxReplicas: $WORKERS_EACH}
YAML
done | kubectl apply -n bench-many -f - >/dev/null
kubectl wait -n bench-many --for=condition=Ready --timeout=900s arraycluster --all >/dev/null
many_ready="$(seconds_since "$start")"
sleep 10   # let the informers and status writes settle before sampling memory
loaded_rss="$(rss_mb "$(operator_pid)")" loaded_heap="$(heap_mb)"
pods="$(kubectl get pods -n bench-many --no-headers | wc -l)"

row() { printf '| %-44s | %8s | %8s | %-34s |\n' "$@"; }
echo
echo "Tessera operator benchmark ($(nproc) cores; Kubernetes $KUBE_VERSION on kwok $KWOK_VERSION, simulated nodes)"
row "measurement" "Tessera" "baseline" "baseline is"
row "--------------------------------------------" "--------" "--------" "----------------------------------"
row "apply -> Ready, $BIG workers (s)" "$tessera_ready" "$baseline_ready" "Deployment, $BIG replicas ready"
row "apply -> all Ready, $CLUSTERS x $WORKERS_EACH workers (s)" "$many_ready" "-" ""
row "operator RSS (MB)" "$loaded_rss" "$idle_rss" "same process, no clusters"
row "operator heap used (MB)" "$loaded_heap" "$idle_heap" "same process, no clusters"
echo "Pods in the $CLUSTERS-cluster namespace: $pods (workers + schedulers). JVM: -Xmx512m."
