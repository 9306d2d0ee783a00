#!/usr/bin/env bash
# The journeys on real pods: the images built here, a local cluster with the real node (no
# simulated node), the Helm chart installing the operator as a Deployment from the local image
# with the chart's RBAC, then the JUnit journeys of e2e-tests (io.tessera.e2e.realpods) against it:
# real Dask schedulers and workers, real ArrayJob runners, a ScheduledJob growing a Zarr store,
# environments built from the local package index (e2e-tests/cluster/pypi-mirror).
#   e2e-tests/realpods.sh [--keep-cluster] [--python PATH] [-- MAVEN ARGS...]
#     --keep-cluster  leave the cluster (and the release) running afterwards, for debugging
#     --python PATH   the Dask test environment's python (default: e2e-tests/python/ensure-venv.sh)
#     MAVEN ARGS      e.g. -Dit.test=ArrayJobRealPodIT to run one journey
set -euo pipefail
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
LOG_PREFIX=real-pods
source "$REPO/e2e-tests/cluster/lib.sh"
NAME=tessera-real
RELEASE=tessera
NS=tessera-system
KEEP=false
PYTHON=""
MAVEN_ARGS=()

while [[ $# -gt 0 ]]; do
  case "$1" in
    --keep-cluster) KEEP=true; shift ;;
    --python) PYTHON="${2:?--python needs a path}"; shift 2 ;;
    --) shift; MAVEN_ARGS=("$@"); break ;;
    -h|--help) sed -n '2,10p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done

STARTED=$SECONDS
phase() { log "== $* (at $((SECONDS - STARTED)) s)"; }

# What a failed journey needs to be understood: the operator's log, the pods and the events.
diagnose() {
  log "diagnostics of cluster '$NAME'"
  kubectl get pods -A -o wide >&2 || true
  kubectl get ac,aj,sj -A >&2 || true
  kubectl get events -A --sort-by=.lastTimestamp 2>/dev/null | tail -40 >&2 || true
  kubectl logs -n "$NS" -l app.kubernetes.io/component=operator --tail=200 >&2 || true
}

cleanup() {
  $KEEP || "$REPO/e2e-tests/cluster/localcluster" down --name "$NAME" >/dev/null 2>&1 || true
}
trap cleanup EXIT

phase "images (cached by the content of their inputs)"
"$REPO/e2e-tests/cluster/images" build >/dev/null
[[ -n "$PYTHON" ]] || PYTHON="$("$REPO/e2e-tests/python/ensure-venv.sh")"

phase "local cluster '$NAME' with the real node"
# Fresh every time, like the test cluster: a killed run's pods would hold the node.
"$REPO/e2e-tests/cluster/localcluster" down --name "$NAME" >/dev/null 2>&1 || true
"$REPO/e2e-tests/cluster/localcluster" up --name "$NAME" --real-node --nodes 0 --gpu-nodes 0
eval "$("$REPO/e2e-tests/cluster/localcluster" env --name "$NAME")"

phase "the local package index on the node address (pods never reach PyPI)"
"$REPO/e2e-tests/cluster/pypi-mirror" start --name "$NAME" >/dev/null
PACKAGE_INDEX="$("$REPO/e2e-tests/cluster/pypi-mirror" url --name "$NAME")"

phase "helm install: the operator from the local image, with the chart's RBAC"
HELM="${HELM:-$("$REPO/helm/build-helm.sh")}"
kubectl apply --server-side --force-conflicts -f "$REPO/helm/tessera/crds/" >/dev/null
# One replica: the journeys need no failover, and the machine has 2 cores.
if ! "$HELM" install "$RELEASE" "$REPO/helm/tessera" --namespace "$NS" --create-namespace \
    -f "$REPO/helm/tessera/ci/operator-only-values.yaml" --set operator.replicas=1 \
    --set-string operator.environments.indexUrl="$PACKAGE_INDEX" \
    --wait --timeout 180s >/dev/null; then
  diagnose; die "helm install failed: the operator Deployment did not become Available"
fi
log "operator running: $(kubectl get pods -n "$NS" -l app.kubernetes.io/component=operator \
  -o jsonpath='{range .items[*]}{.metadata.name} on {.spec.nodeName}, image {.spec.containers[0].image}{end}')"

phase "journeys (Maven, e2e-tests, *RealPodIT)"
# The modules e2e-tests depends on, from this checkout, into the local repository first: run with
# -am, failsafe's verify would read their own reports of an earlier run (a failure there is not
# this run's).
status=0
(cd "$REPO" && mvn -B -ntp -q -pl .,crds,operator install -DskipTests -Dquarkus.build.skip=true) || status=$?
# The journey classes run at once (each in its own namespace): most of their time is waiting for
# pods, the scheduler's decisions and the ScheduledJob's minute ticks.
((status != 0)) || (cd "$REPO" && mvn -B -ntp -pl e2e-tests verify -DskipITs=false -Dit.test='*RealPodIT' \
  -Djunit.jupiter.execution.parallel.enabled=true -Djunit.jupiter.execution.parallel.mode.classes.default=concurrent \
  -Djunit.jupiter.execution.parallel.mode.default=same_thread -Djunit.jupiter.execution.parallel.config.strategy=fixed \
  -Djunit.jupiter.execution.parallel.config.fixed.parallelism=6 \
  -Dtessera.realPods=true -Dtessera.kubectl="$(command -v kubectl)" -Dtessera.python="$PYTHON" \
  -Dtessera.packageIndex="$PACKAGE_INDEX" \
  "${MAVEN_ARGS[@]}") || status=$?
((status == 0)) || diagnose
log "real-pod journeys finished in $((SECONDS - STARTED)) s with status $status"
exit "$status"
