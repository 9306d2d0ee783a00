#!/usr/bin/env bash
# The gateway's scheduler proxy on real pods, beside a direct connection to the same scheduler in
# the same run (e2e-tests/python/proxy_bench.py): 1 GiB each way through the proxy and directly,
# and 200 concurrent connections (errors, p50/p99 time to first answer). It runs on the
# quickstart's platform (./tessera quickstart: the chart's gateway and operator on the real node),
# bringing it up or repairing it first, as alice of group physics.
# Not a test: it prints figures. Usage: proxy-bench.sh [--rounds N] [--connections N]
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$BENCH_DIR/../.." && pwd)"
LOG_PREFIX=bench
source "$ROOT/e2e-tests/cluster/lib.sh"
QS_CLUSTER=tessera QS_NS=tessera-system QS_RELEASE=tessera NODE_IP=10.245.0.1

log "the quickstart platform (converges: fast when it is already up)"
"$ROOT/tessera" quickstart >/dev/null
eval "$("$ROOT/e2e-tests/cluster/localcluster" env --name "$QS_CLUSTER")"
URL="http://$NODE_IP:$(kubectl get svc -n "$QS_NS" "$QS_RELEASE-gateway" -o jsonpath='{.spec.ports[0].nodePort}')"
TOKEN_FILE="$TESSERA_CACHE/clusters/$QS_CLUSTER/alice.token"
[[ -s "$TOKEN_FILE" ]] || die "no API token of alice in $TOKEN_FILE (the quickstart makes it)"
PYTHON="$("$ROOT/e2e-tests/python/ensure-venv.sh")"
log "gateway $URL; figures follow (a few minutes on 2 cores)"
JUPYTERHUB_API_TOKEN="$(cat "$TOKEN_FILE")" "$PYTHON" "$ROOT/e2e-tests/python/proxy_bench.py" \
  --gateway "$URL" --namespace tessera-physics --kubectl "$(command -v kubectl)" "$@"
