#!/usr/bin/env bash
# Bounded API fuzzing of the gateway (issue 12): schemathesis (pinned in requirements.txt beside
# this script, in a virtualenv of its own under the Tessera cache) generates requests from the
# gateway's own OpenAPI document (/q/openapi) and sends them as a platform admin (dave) and as a
# group member (alice) of the test realm. The rule: 0 server errors (check not_a_server_error).
#
#   gateway/fuzz/api-fuzz.sh --name NAME [--seconds N]
#
# NAME is a running local cluster (e2e-tests/cluster/localcluster up --name NAME); the gateway of
# that installation (with PostgreSQL and Keycloak) is started if it is not running, and stopped
# again at the end if this script started it. --seconds bounds each identity's run (default 45, so
# the whole run stays within about two minutes). Exit status: 0 when no request got a 5xx.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
GATEWAY="$ROOT/e2e-tests/cluster/gateway"
KEYCLOAK="$ROOT/e2e-tests/cluster/keycloak"
CACHE="${TESSERA_CACHE:-$HOME/.cache/tessera}"
REQUIREMENTS="$(dirname "${BASH_SOURCE[0]}")/requirements.txt"
NAME="" SECONDS_EACH=45

log() { printf '[api-fuzz] %s\n' "$*" >&2; }
usage() { sed -n '2,13s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
while (($#)); do
  case "$1" in
    --name) NAME="$2"; shift ;;
    --seconds) SECONDS_EACH="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) log "unknown argument $1 (see --help)"; exit 2 ;;
  esac
  shift
done
[[ -n "$NAME" ]] || { usage >&2; exit 2; }

# The fuzzer's virtualenv, keyed by the pinned requirements; the stamp is written last.
VENV="$CACHE/venv-fuzz-$(sha256sum "$REQUIREMENTS" | cut -c1-12)"
if [[ ! -f "$VENV/.complete" ]]; then
  log "installing $(grep -v '^#' "$REQUIREMENTS" | tr '\n' ' ')into $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$REQUIREMENTS" >&2
  touch "$VENV/.complete"
fi

# Whatever this script starts (gateway, PostgreSQL, Keycloak) it stops again; running ones stay.
stops=()
for part in gateway keycloak postgres; do
  "$ROOT/e2e-tests/cluster/$part" status --name "$NAME" >/dev/null 2>&1 || stops+=("$part")
done
# A PostgreSQL started here is deleted, not just stopped: Keycloak keeps its users in memory, and
# a later run's new user IDs would not match the rows left behind.
# The webhook registration of a gateway started here goes with it: left pointing at a stopped
# process it would refuse every ArrayCluster write in group namespaces (fail-closed).
cleanup() {
  if [[ " ${stops[*]} " == *" gateway "* ]]; then
    KUBECONFIG="$("$ROOT/e2e-tests/cluster/localcluster" kubeconfig --name "$NAME")" \
      kubectl delete validatingwebhookconfiguration tessera-gateway --ignore-not-found >/dev/null 2>&1 || true
  fi
  for part in "${stops[@]}"; do
    "$ROOT/e2e-tests/cluster/$part" "$([[ $part == postgres ]] && echo delete || echo stop)" --name "$NAME" \
      >/dev/null 2>&1 || true
  done
}
trap cleanup EXIT
if ! "$GATEWAY" status --name "$NAME" >/dev/null 2>&1; then
  # A registration left by an earlier gateway of this installation points at its old port; the
  # start script's client-side apply would merge the manifest's service into it (invalid): drop it.
  KUBECONFIG="$("$ROOT/e2e-tests/cluster/localcluster" kubeconfig --name "$NAME")" \
    kubectl delete validatingwebhookconfiguration tessera-gateway --ignore-not-found >/dev/null
  "$GATEWAY" start --name "$NAME"
fi
url="$("$GATEWAY" url --name "$NAME")"
kc="$(eval "$("$KEYCLOAK" env --name "$NAME")"; echo "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM")"
token() {
  curl -fsS "$kc/protocol/openid-connect/token" -d grant_type=password -d client_id=tessera-cli \
    -d username="$1" -d password="$1-test-password" | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
admin="$(token dave)"
# alice can create and scale clusters: a member of a group with a small quota (idempotent).
curl -sS -o /dev/null -X POST "$url/api/admin/v1/groups" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"name": "fuzz"}'
curl -fsS -o /dev/null -X PUT "$url/api/admin/v1/groups/fuzz/quota" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"cores": 8, "memoryBytes": 34359738368, "clusters": 3, "workersPerCluster": 4}'
curl -fsS -o /dev/null -X PUT "$url/api/admin/v1/groups/fuzz/members/alice" -H "Authorization: Bearer $admin" \
  -H 'Content-Type: application/json' -d '{"groupAdmin": false}'

status=0
for who in dave alice; do
  log "fuzzing $url/q/openapi as $who for at most ${SECONDS_EACH}s (rule: no 5xx)"
  bearer="$(token "$who")"
  report="$CACHE/api-fuzz-$NAME-$who"
  rm -rf "$report" && mkdir -p "$report"
  # Run from the report directory: schemathesis keeps a .schemathesis cache in its working directory.
  (cd "$report" && "$VENV/bin/schemathesis" run "$url/q/openapi?format=json" --checks not_a_server_error \
    --header "Authorization: Bearer $bearer" --max-time "$SECONDS_EACH" --workers 2 \
    --phases examples,coverage,fuzzing --suppress-health-check all \
    --report junit --report-dir "$report") || { status=$?; log "server errors as $who (report: $report)"; }
done
log "finished with status $status"
exit "$status"
