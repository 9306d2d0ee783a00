#!/usr/bin/env bash
# Tests of the local cluster harness itself: idempotent up, reuse, restart after a stop, status,
# down, error messages, and no rebuild of cached binaries; then the real node (test-realnode.sh).
# Uses its own cluster names.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
LC="$CLUSTER_DIR/localcluster"
NAME="tessera-harness-$$"
OPTS=(--name "$NAME" --nodes 1 --gpu-nodes 0)
passed=0 failed=0

check() { # <description> <command...>: passes when the command succeeds
  local description="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   - $description"
  else failed=$((failed + 1)); echo "FAIL - $description"; fi
}
contains() { grep -q -- "$2" <<<"$1"; }

trap '"$LC" down --name "$NAME" >/dev/null 2>&1' EXIT

out="$("$CLUSTER_DIR/build-binaries.sh" 2>&1)"
check "cached binaries are not rebuilt" bash -c "! grep -q building <<<'$out'"

out="$("$LC" up "${OPTS[@]}" 2>&1)"; rc=$?
check "up starts a cluster" test "$rc" -eq 0
check "up reports readiness" contains "$out" "ready. Use it with"
kubeconfig="$("$LC" kubeconfig --name "$NAME")"
check "up writes the kubeconfig" test -s "$kubeconfig"
server="$("$KUBE_BIN_DIR/kubectl" --kubeconfig "$kubeconfig" version -o json 2>/dev/null | grep -o '"gitVersion": *"[^"]*"' | tail -1)"
check "the API server reports Kubernetes $KUBE_VERSION" contains "$server" "$KUBE_VERSION"
port="$(grep -o 'server: https://127.0.0.1:[0-9]*' "$kubeconfig" | grep -o '[0-9]*$')"
listeners="$(awk -v p="$(printf ':%04X' "$port")" '$4 == "0A" && $2 ~ p"$" { print $2 }' /proc/net/tcp /proc/net/tcp6)"
check "the API server listens on loopback only" test "$listeners" = "0100007F$(printf ':%04X' "$port")"

out="$("$LC" up "${OPTS[@]}" 2>&1)"; rc=$?
check "a second up succeeds" test "$rc" -eq 0
check "a second up reuses the running cluster" contains "$out" "already running; reusing it"
check "status succeeds while running" "$LC" status --name "$NAME"

"$KWOK_BIN_DIR/kwokctl" stop cluster --name "$NAME" >/dev/null 2>&1
# kwokctl returns while the API server may still be shutting down (seen on a busy machine); `up`
# would then rightly find it running. Wait until it no longer answers.
for _ in $(seq 60); do
  "$KUBE_BIN_DIR/kubectl" --kubeconfig "$kubeconfig" get --raw /readyz >/dev/null 2>&1 || break
  sleep 0.5
done
out="$("$LC" up "${OPTS[@]}" 2>&1)"; rc=$?
check "up restarts a stopped cluster" test "$rc" -eq 0
check "up says it restarted the existing cluster" contains "$out" "starting the existing cluster"

"$LC" down --name "$NAME" >/dev/null 2>&1
"$LC" status --name "$NAME" >/dev/null 2>&1; rc=$?
check "status reports a deleted cluster as not running (exit 3)" test "$rc" -eq 3

out="$("$LC" up --bogus 2>&1)"; rc=$?
check "an unknown option fails" test "$rc" -ne 0
check "an unknown option is named in the error" contains "$out" "unknown option: --bogus"

out="$("$LC" up --name "$NAME" --nodes 0 --gpu-nodes 0 2>&1)"; rc=$?
check "up with no simulated node succeeds" test "$rc" -eq 0
[[ $rc -eq 0 ]] || echo "$out" | tail -3 | sed 's/^/     /'
"$LC" down --name "$NAME" >/dev/null 2>&1

source "$CLUSTER_DIR/test-realnode.sh"

echo "localcluster: $passed passed, $failed failed"
[[ $failed -eq 0 ]]
