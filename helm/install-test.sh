#!/usr/bin/env bash
# The chart on a real (local) control plane: install, run as the installed identities, upgrade,
# uninstall. Kubernetes, Helm, the operator and the gateway are real; only containers do not run
# (kwok marks pods Running and Ready), so the packaged operator and gateway run as local processes
# with TokenRequest tokens of the ServiceAccounts the chart installed.
#   1. install: `helm install` (CRDs from crds/, gateway on) creates exactly the rendered objects;
#      the Deployments become Available
#   2. identities: a `kubectl auth can-i` table of allowed and refused verbs for the operator's and
#      the gateway's ServiceAccounts; refused requests made with their real tokens
#   3. operator (its token): reconciles an ArrayCluster to Ready; gateway (its token): creates a
#      group and its namespace, creates/lists/scales/deletes a cluster through its REST API, meters
#      its pods, issues its webhook certificate Secret and patches caBundle of the chart's
#      ValidatingWebhookConfiguration; neither logs a single "forbidden"
#   4. upgrade with changed values (replicas, extraEnv, webhook off; then NetworkPolicies, Ingress,
#      ServiceMonitors, PrometheusRule, dashboard and a group namespace on; then the gateway and
#      those features off) applies them and removes what is no longer rendered
#   5. uninstall leaves nothing labelled app.kubernetes.io/instance=<release>; kept: CRDs, the
#      gateway's webhook Secret and group namespaces (chart README, "Uninstall")
# The API server cannot reach a Service here (no kube-proxy), so the chart's webhook is installed
# with failurePolicy Ignore and a 1 s timeout: it never blocks, and its caBundle is still checked.
#   helm/install-test.sh [--name CLUSTER] [--keep]
#     --name  local cluster to use (default tessera-helm-test; started if not running)
#     --keep  leave the cluster, PostgreSQL and Keycloak running afterwards (faster reruns)
set -euo pipefail
HELM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HELM_DIR/.." && pwd)"
LOG_PREFIX=install-test
source "$REPO/e2e-tests/cluster/lib.sh"
CHART="$HELM_DIR/tessera"
RELEASE=tessera
NS=tessera-system
GROUP=physics
GROUP_NS=tessera-physics
NAME=tessera-helm-test
KEEP=false

while [[ $# -gt 0 ]]; do
  case "$1" in
    --name) NAME="${2:?--name needs a cluster name}"; shift 2 ;;
    --keep) KEEP=true; shift ;;
    -h|--help) sed -n '2,23p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) die "unknown argument: $1 (try --help)" ;;
  esac
done

FAILURES=0
STARTED=$SECONDS
fail() { printf "[install-test] FAIL (%d s): %s\n" "$((SECONDS - STARTED))" "$*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { printf "[install-test] ok (%d s): %s\n" "$((SECONDS - STARTED))" "$*" >&2; }
phase() { log "== $* (at $((SECONDS - STARTED)) s)"; }

WORK="$(mktemp -d)"
INSTALLED=false
cleanup() {
  # A run that stopped half-way leaves no release behind: the next run on a kept cluster needs none.
  if $INSTALLED && $KEEP; then "$HELM" uninstall "$RELEASE" -n "$NS" >/dev/null 2>&1 || true; fi
  # An operator start still in the background would otherwise start a JVM after its stop.
  if [[ -n "${operator_starter:-}" ]]; then
    kill "$operator_starter" 2>/dev/null || true; wait "$operator_starter" 2>/dev/null || true
  fi
  "$REPO/e2e-tests/cluster/operator" stop --name "$NAME" >/dev/null 2>&1 || true
  "$REPO/e2e-tests/cluster/gateway" stop --name "$NAME" >/dev/null 2>&1 || true
  $KEEP || "$REPO/e2e-tests/cluster/localcluster" down --name "$NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

phase "local cluster '$NAME', helm, packaged operator and gateway"
HELM="${HELM:-$("$HELM_DIR/build-helm.sh")}"
"$REPO/e2e-tests/cluster/localcluster" up --name "$NAME" >/dev/null
eval "$("$REPO/e2e-tests/cluster/localcluster" env --name "$NAME")"
if "$HELM" status "$RELEASE" -n "$NS" >/dev/null 2>&1; then
  die "release $RELEASE already exists in $NS: helm uninstall $RELEASE -n $NS (or localcluster down --name $NAME) first"
fi
for jar in operator gateway; do
  [[ -f "$REPO/$jar/target/quarkus-app/quarkus-run.jar" ]] \
    || die "$jar/target/quarkus-app is missing: mvn -B -o -pl operator,gateway -am package -DskipTests"
done
# A fresh gateway database: groups and reservations of an earlier run would change what the API does.
"$REPO/e2e-tests/cluster/gateway" stop --name "$NAME" >/dev/null 2>&1 || true
"$REPO/e2e-tests/cluster/postgres" delete --name "$NAME" >/dev/null 2>&1 || true

# Values of this test: the gateway's required values (ci/gateway-values.yaml) and a webhook that
# cannot block (the API server cannot reach its Service on this cluster, see above).
INSTALL_ARGS=(-f "$CHART/ci/gateway-values.yaml" --set gateway.webhook.failurePolicy=Ignore
  --set gateway.webhook.timeoutSeconds=1)

render() { "$HELM" template "$RELEASE" "$CHART" --namespace "$NS" "$@"; }

# Every object labelled with the release, in every namespace and cluster-scoped, as JSON.
labelled_objects() {
  local types
  # Events are never labelled; componentstatuses is a deprecated view of the control plane.
  types="$(kubectl api-resources --verbs=list -o name | grep -v '^events\|^componentstatuses$' | paste -sd, -)"
  # Endpoints are listed (they must go with their Service); only the deprecation warning is dropped.
  kubectl get "$types" -A -l "app.kubernetes.io/instance=$RELEASE" -o json 2> >(grep -v '^Warning: v1 Endpoints is deprecated' >&2)
}

# The rendered objects (kind, namespace, name) must be exactly those labelled with the release that
# no other object owns (pods, ReplicaSets and EndpointSlices are made by controllers from them, and
# Endpoints mirror their Service).
same_objects() { # <label> <render file>
  labelled_objects >"$WORK/cluster.json"
  if python3 - "$WORK/cluster.json" "$2" >"$WORK/objects.txt" 2>&1 <<'PY'; then pass "$1: $(cat "$WORK/objects.txt")"
import json, sys, yaml
live = {(o["kind"], o["metadata"].get("namespace", ""), o["metadata"]["name"])
        for o in json.load(open(sys.argv[1]))["items"]
        if not o["metadata"].get("ownerReferences") and o["kind"] != "Endpoints"}
rendered = {(d["kind"], d["metadata"].get("namespace", ""), d["metadata"]["name"])
            for d in yaml.safe_load_all(open(sys.argv[2])) if d}
if live != rendered:
    sys.exit("rendered but missing: %s; present but not rendered: %s" % (sorted(rendered - live), sorted(live - rendered)))
print(f"the {len(rendered)} rendered objects exist, nothing else: " + ", ".join(sorted({k for k, _, _ in rendered})))
PY
  else fail "$1: $(cat "$WORK/objects.txt")"; fi
}

deployments_available() { # <label>
  if kubectl wait -n "$NS" --for=condition=Available deployment -l "app.kubernetes.io/instance=$RELEASE" \
      --timeout=60s >"$WORK/wait.txt" 2>&1; then
    pass "$1: Deployments Available: $(kubectl get deploy -n "$NS" -l "app.kubernetes.io/instance=$RELEASE" \
      -o jsonpath='{range .items[*]}{.metadata.name}={.status.availableReplicas}/{.spec.replicas} {end}')"
  else cat "$WORK/wait.txt" >&2; fail "$1: Deployments not Available within 60 s"; fi
}

# -- 1. install ------------------------------------------------------------------------------------
phase "1. helm install"
kubectl create namespace "$NS" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
# The Secrets the values name (the gateway pods would read them; kwok does not check).
kubectl -n "$NS" create secret generic tessera-postgresql --from-literal=username=tessera \
  --from-literal=password=unused --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl -n "$NS" create secret generic tessera-keycloak --from-literal=client-secret=unused \
  --dry-run=client -o yaml | kubectl apply -f - >/dev/null
render "${INSTALL_ARGS[@]}" >"$WORK/install.yaml"
"$HELM" install "$RELEASE" "$CHART" -n "$NS" "${INSTALL_ARGS[@]}" --wait --timeout 120s >/dev/null \
  || die "helm install failed (output above)"
INSTALLED=true
pass "helm install $RELEASE: $("$HELM" status "$RELEASE" -n "$NS" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["info"]["status"])')"
same_objects "install" "$WORK/install.yaml"
deployments_available "install"
for crd in arrayclusters arrayjobs scheduledjobs; do
  kubectl wait --for condition=Established "crd/$crd.tessera.io" --timeout=30s >/dev/null \
    || fail "CRD $crd.tessera.io not Established"
done

# -- 2. the installed identities: allowed and refused ---------------------------------------------
phase "2. permissions of the installed ServiceAccounts"
OPERATOR_SA=tessera-operator
GATEWAY_SA=tessera-gateway
# <account> <expected yes|no> <verb> <resource> [kubectl auth can-i flags]
CAN_I=(
  "$OPERATOR_SA yes create pods -n $GROUP_NS"
  "$OPERATOR_SA yes delete pods -n $GROUP_NS"
  "$OPERATOR_SA yes patch arrayclusters.tessera.io --subresource=status -n $GROUP_NS"
  "$OPERATOR_SA yes create jobs.batch -n $GROUP_NS"
  "$OPERATOR_SA yes create services -n $GROUP_NS"
  "$OPERATOR_SA yes update leases.coordination.k8s.io -n $NS"
  "$OPERATOR_SA no create namespaces"
  "$OPERATOR_SA no delete namespaces"
  "$OPERATOR_SA no get secrets -n $NS"
  # No global.imagePullSecrets in this install: no Secret rules for the operator anywhere.
  "$OPERATOR_SA no create secrets -n $GROUP_NS"
  "$OPERATOR_SA no get secrets -n $GROUP_NS"
  "$OPERATOR_SA no update pods -n $GROUP_NS"
  "$OPERATOR_SA no update leases.coordination.k8s.io -n kube-system"
  "$OPERATOR_SA no patch validatingwebhookconfigurations.admissionregistration.k8s.io/$RELEASE-gateway"
  "$GATEWAY_SA yes create namespaces"
  "$GATEWAY_SA yes get namespaces"
  "$GATEWAY_SA yes create arrayclusters.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA yes patch arrayclusters.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA yes delete arrayclusters.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA yes watch arrayclusters.tessera.io -A"
  "$GATEWAY_SA yes watch pods -A"
  "$GATEWAY_SA yes watch arrayjobs.tessera.io -A"
  "$GATEWAY_SA yes patch arrayjobs.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA yes create secrets -n $NS"
  "$GATEWAY_SA yes update secrets/$RELEASE-gateway-webhook-tls -n $NS"
  "$GATEWAY_SA yes patch validatingwebhookconfigurations.admissionregistration.k8s.io/$RELEASE-gateway"
  "$GATEWAY_SA no delete namespaces"
  "$GATEWAY_SA no update namespaces"
  "$GATEWAY_SA no get secrets -n kube-system"
  "$GATEWAY_SA no create secrets -n $GROUP_NS"
  "$GATEWAY_SA no list secrets -n $NS"
  "$GATEWAY_SA no get secrets/tessera-postgresql -n $NS"
  "$GATEWAY_SA no patch validatingwebhookconfigurations.admissionregistration.k8s.io/other"
  "$GATEWAY_SA no create validatingwebhookconfigurations.admissionregistration.k8s.io"
  "$GATEWAY_SA no get pods -n $GROUP_NS"
  "$GATEWAY_SA no delete pods -n $GROUP_NS"
  "$GATEWAY_SA no patch arrayclusters.tessera.io --subresource=status -n $GROUP_NS"
  "$GATEWAY_SA no delete arrayjobs.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA no create scheduledjobs.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA no create rolebindings.rbac.authorization.k8s.io -n $NS"
)
printf "  %-17s %-8s %-4s %s\n" "service account" expected got "verb resource flags" >&2
wrong=0
for row in "${CAN_I[@]}"; do
  read -r account expected verb resource flags <<<"$row"
  # shellcheck disable=SC2086 # flags are words
  got="$(kubectl auth can-i "$verb" "$resource" ${flags:-} --as="system:serviceaccount:$NS:$account" 2>/dev/null || true)"
  printf "  %-17s %-8s %-4s %s %s %s\n" "$account" "$expected" "$got" "$verb" "$resource" "${flags:-}" >&2
  [[ "$got" == "$expected" ]] || { wrong=$((wrong + 1)); fail "can-i $verb $resource ${flags:-} as $account: $got, expected $expected"; }
done
((wrong)) || pass "all ${#CAN_I[@]} can-i answers as expected"

# Refused for real: requests made with the ServiceAccounts' own tokens.
service_account_kubeconfig "$NS" "$OPERATOR_SA" "$WORK/operator.kubeconfig"
service_account_kubeconfig "$NS" "$GATEWAY_SA" "$WORK/gateway.kubeconfig"
refused() { # <account kubeconfig> <description> <kubectl args...>
  local kc="$1" what="$2"; shift 2
  if kubectl --kubeconfig "$kc" "$@" >"$WORK/refused.txt" 2>&1; then fail "$what: allowed"
  elif grep -q "Forbidden\|forbidden" "$WORK/refused.txt"; then pass "$what: $(grep -o 'is forbidden: .*' "$WORK/refused.txt" | head -1)"
  else cat "$WORK/refused.txt" >&2; fail "$what: failed, but not as forbidden"; fi
}
refused "$WORK/gateway.kubeconfig" "gateway reads Secrets of kube-system" get secrets -n kube-system
refused "$WORK/gateway.kubeconfig" "gateway deletes a namespace" delete namespace "$NS" --dry-run=server
refused "$WORK/operator.kubeconfig" "operator creates a namespace" create namespace forbidden-test --dry-run=server

# -- 3. the operator and the gateway do their job with these identities ---------------------------
phase "3. operator and gateway run as the installed ServiceAccounts"
OPERATOR_LOG="$("$REPO/e2e-tests/cluster/operator" logs --name "$NAME")"
GATEWAY_LOG="$("$REPO/e2e-tests/cluster/gateway" logs --name "$NAME")"
# Logs are appended across runs: only the lines of this run count.
lines() { if [[ -f "$1" ]]; then wc -l <"$1"; else echo 0; fi; }
op_from=$(( $(lines "$OPERATOR_LOG") + 1 ))
gw_from=$(( $(lines "$GATEWAY_LOG") + 1 ))
# What the gateway must create in this run, not find from an earlier one (a kept cluster): its
# webhook Secret (kept by uninstall) and the group's namespace.
kubectl -n "$NS" delete secret "$RELEASE-gateway-webhook-tls" --ignore-not-found >/dev/null
kubectl delete namespace "$GROUP_NS" --ignore-not-found --wait --timeout=60s >/dev/null
# Both start at once (the gateway waits for Keycloak); the operator's leader-election Lease and
# the gateway's webhook names are the chart's (release "tessera" gives the processes' defaults).
"$REPO/e2e-tests/cluster/operator" start --name "$NAME" --service-account "$OPERATOR_SA" &
operator_starter=$!
"$REPO/e2e-tests/cluster/gateway" start --name "$NAME" --service-account "$GATEWAY_SA" --no-webhook-registration \
  -D "tessera.webhook.configuration-name=$RELEASE-gateway" -D "tessera.webhook.secret-name=$RELEASE-gateway-webhook-tls" \
  -D "tessera.webhook.service-name=$RELEASE-gateway-webhook" -D "tessera.webhook.namespace=$NS" \
  || die "the gateway did not start"
wait "$operator_starter" || die "the operator did not start"
operator_starter=""

# The webhook certificate: the gateway's Secret, and its CA in the chart's webhook configuration.
ca_in_secret="" ; ca_bundle=""
for _ in $(seq 1 30); do
  ca_in_secret="$(kubectl -n "$NS" get secret "$RELEASE-gateway-webhook-tls" -o jsonpath='{.data.ca\.crt}' 2>/dev/null || true)"
  ca_bundle="$(kubectl get validatingwebhookconfiguration "$RELEASE-gateway" -o jsonpath='{.webhooks[0].clientConfig.caBundle}')"
  [[ -n "$ca_in_secret" && "$ca_bundle" == "$ca_in_secret" ]] && break
  sleep 1
done
if [[ -z "$ca_in_secret" ]]; then fail "gateway: no Secret $NS/$RELEASE-gateway-webhook-tls with ca.crt"
elif [[ "$ca_bundle" != "$ca_in_secret" ]]; then fail "gateway: caBundle of $RELEASE-gateway is not the CA of its Secret"
else pass "gateway: created Secret $NS/$RELEASE-gateway-webhook-tls and patched its CA into caBundle of ValidatingWebhookConfiguration $RELEASE-gateway"; fi

# The REST API, as the test realm's admin (dave) and a member (alice).
GATEWAY_URL="$("$REPO/e2e-tests/cluster/gateway" url --name "$NAME")"
KC_TOKEN_URL="$(eval "$("$REPO/e2e-tests/cluster/keycloak" env --name "$NAME")"; echo "$KEYCLOAK_ISSUER/protocol/openid-connect/token")"
token() { # <user>: a password-grant access token of the test realm (every password is <user>-test-password)
  curl -fsS "$KC_TOKEN_URL" -d grant_type=password -d client_id=tessera-cli -d username="$1" -d password="$1-test-password" \
    | python3 -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
api() { # <token> <method> <path> [json body]: prints the body, then the HTTP status on its own line
  curl -sS -X "$2" "$GATEWAY_URL$3" -H "Authorization: Bearer $1" -H 'Content-Type: application/json' \
    ${4:+-d "$4"} -w '\n%{http_code}'
}
expect_status() { # <label> <expected statuses regex> <api output>
  local status="${3##*$'\n'}"
  if [[ "$status" =~ ^($2)$ ]]; then pass "$1: HTTP $status"; else fail "$1: HTTP $status: ${3%$'\n'*}"; fi
}
ADMIN="$(token dave)"; ALICE="$(token alice)"
expect_status "admin creates group $GROUP" "201|409" "$(api "$ADMIN" POST /api/admin/v1/groups "{\"name\": \"$GROUP\"}")"
expect_status "admin sets its quota" 200 "$(api "$ADMIN" PUT "/api/admin/v1/groups/$GROUP/quota" \
  '{"cores": 16, "memoryBytes": 68719476736, "clusters": 4, "workersPerCluster": 8}')"
expect_status "admin adds alice" "200|201" "$(api "$ADMIN" PUT "/api/admin/v1/groups/$GROUP/members/alice" '{"groupAdmin": false}')"
labels="$(kubectl get namespace "$GROUP_NS" -o jsonpath='{.metadata.labels.tessera\.io/group}/{.metadata.labels.app\.kubernetes\.io/managed-by}' 2>/dev/null || true)"
[[ "$labels" == "$GROUP/tessera-gateway" ]] && pass "gateway created namespace $GROUP_NS (tessera.io/group=$GROUP, managed-by tessera-gateway)" \
  || fail "namespace $GROUP_NS missing or not labelled by the gateway: '$labels'"

created="$(api "$ALICE" POST /api/v1/clusters/ "{\"cluster_options\": {\"group\": \"$GROUP\"}}")"
expect_status "alice creates a cluster" 201 "$created"
CLUSTER="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1].rsplit("\n", 1)[0])["name"])' "$created" 2>/dev/null || true)"
[[ -n "$CLUSTER" ]] || die "no cluster name in the create answer: $created"
if kubectl wait -n "$GROUP_NS" --for=condition=Ready --timeout=90s "arraycluster/$CLUSTER" >/dev/null 2>"$WORK/wait.txt"; then
  pass "operator reconciled ArrayCluster $GROUP_NS/$CLUSTER (created by the gateway) to Ready"
else cat "$WORK/wait.txt" >&2; fail "ArrayCluster $CLUSTER not Ready within 90 s (operator log: $OPERATOR_LOG)"; fi
listed="$(api "$ALICE" GET /api/v1/clusters/)"
[[ "$listed" == *"\"$CLUSTER\""* ]] && pass "alice lists her clusters: $CLUSTER among them" || fail "list does not show $CLUSTER: $listed"
scaled="$(api "$ALICE" POST "/api/v1/clusters/$CLUSTER/scale" '{"count": 2}')"
expect_status "alice scales it to 2 workers" 200 "$scaled"
for _ in $(seq 1 60); do
  workers="$(kubectl get pods -n "$GROUP_NS" -l "tessera.io/cluster=$CLUSTER,app.kubernetes.io/component=worker" -o name | wc -l)"
  ((workers == 2)) && break; sleep 1
done
((workers == 2)) && pass "ArrayCluster spec.worker.replicas=$(kubectl get ac -n "$GROUP_NS" "$CLUSTER" -o jsonpath='{.spec.worker.replicas}'), 2 worker pods" \
  || fail "$workers worker pods of $CLUSTER, expected 2"

# Metering: the gateway's pod informer records an interval per pod of the cluster in PostgreSQL.
PG_URL="$(eval "$("$REPO/e2e-tests/cluster/postgres" env --name "$NAME")"; echo "$QUARKUS_DATASOURCE_JDBC_URL")"
PG_PORT="$(sed 's|.*:\([0-9]*\)/.*|\1|' <<<"$PG_URL")"
metered() { psql -h 127.0.0.1 -p "$PG_PORT" -U tessera -d tessera -tAc \
  "SELECT count(DISTINCT u.pod) FROM usage_interval u JOIN cluster c ON c.id = u.cluster_id WHERE c.name = '$CLUSTER'"; }
pods_metered=0
for _ in $(seq 1 60); do pods_metered="$(metered)"; ((pods_metered >= 3)) && break; sleep 1; done
((pods_metered >= 3)) && pass "gateway metered the $pods_metered pods of $CLUSTER (scheduler + 2 workers) into usage_interval" \
  || fail "$pods_metered pods of $CLUSTER metered, expected 3"

expect_status "alice deletes the cluster" 204 "$(api "$ALICE" DELETE "/api/v1/clusters/$CLUSTER")"
kubectl wait -n "$GROUP_NS" --for=delete --timeout=60s "arraycluster/$CLUSTER" >/dev/null 2>&1 \
  && pass "ArrayCluster $CLUSTER deleted" || fail "ArrayCluster $CLUSTER still exists 60 s after DELETE"

# Least privilege and enough: a permission the chart lacks shows up as a 403 in a log.
for log in "operator:$OPERATOR_LOG:$op_from" "gateway:$GATEWAY_LOG:$gw_from"; do
  IFS=: read -r who file from <<<"$log"
  if tail -n "+$from" "$file" | grep -i "forbidden" >"$WORK/forbidden.txt"; then
    fail "the $who logged forbidden requests (a permission missing from the chart):"$'\n'"$(head -5 "$WORK/forbidden.txt")"
  else pass "the $who logged no forbidden request ($(tail -n "+$from" "$file" | wc -l) log lines)"; fi
done
"$REPO/e2e-tests/cluster/operator" stop --name "$NAME" >/dev/null
"$REPO/e2e-tests/cluster/gateway" stop --name "$NAME" >/dev/null

# -- 4. upgrade --------------------------------------------------------------------------------------
phase "4. helm upgrade"
# Kind/name of every object the first render has and the second no longer does (upgrade deletes them).
no_longer_rendered() { # <render before> <render after>
  python3 - "$1" "$2" <<'PY'
import sys, yaml
keys = lambda p: {(d["kind"], d["metadata"]["name"]) for d in yaml.safe_load_all(open(p)) if d}
print(" ".join(f"{k}/{n}" for k, n in sorted(keys(sys.argv[1]) - keys(sys.argv[2]))))
PY
}
upgrade() { # <label> <render file> [extra args...]: upgrade with INSTALL_ARGS + extra, compare objects
  local label="$1" out="$2"; shift 2
  render "${INSTALL_ARGS[@]}" "$@" >"$out"
  "$HELM" upgrade "$RELEASE" "$CHART" -n "$NS" "${INSTALL_ARGS[@]}" "$@" --wait --timeout 120s >/dev/null \
    || { fail "$label: helm upgrade failed"; return; }
  same_objects "$label" "$out"
}
UPGRADE1=(--set operator.replicas=1 --set gateway.webhook.enabled=false
  --set-json 'gateway.extraEnv=[{"name":"TESSERA_GATEWAY_METERING_HEARTBEAT_PERIOD","value":"30s"}]')
upgrade "upgrade (operator.replicas=1, gateway extraEnv, webhook off)" "$WORK/upgrade1.yaml" "${UPGRADE1[@]}"
deployments_available "upgrade"
[[ "$(kubectl get deploy -n "$NS" "$RELEASE-operator" -o jsonpath='{.spec.replicas}/{.status.readyReplicas}')" == 1/1 ]] \
  && pass "operator Deployment scaled to 1 ready replica" || fail "operator Deployment not at 1 replica"
kubectl get deploy -n "$NS" "$RELEASE-gateway" -o jsonpath='{.spec.template.spec.containers[0].env[*].name}' \
  | grep -qw TESSERA_GATEWAY_METERING_HEARTBEAT_PERIOD && pass "gateway Deployment has the extraEnv" \
  || fail "gateway Deployment lacks the extraEnv"
no_longer_rendered "$WORK/install.yaml" "$WORK/upgrade1.yaml" >"$WORK/removed.txt"
[[ "$(cat "$WORK/removed.txt")" == *ValidatingWebhookConfiguration/* ]] \
  && pass "no longer rendered, hence deleted: $(cat "$WORK/removed.txt")" || fail "webhook off removed nothing: $(cat "$WORK/removed.txt")"

# The optional features that need no running container (the bundled PostgreSQL needs a StorageClass
# this cluster lacks; helm/dry-run.sh checks its render): on in one upgrade, then off again.
"$REPO/e2e-tests/cluster/third-party-crds" --install monitoring >/dev/null \
  || die "could not install the Prometheus Operator CRDs (output above)"
# Group "climate": physics' namespace already exists (the gateway made it), and Helm adopts nothing.
KEPT_GROUP_NS=tessera-climate
FEATURES=(--set networkPolicy.enabled=true --set ingress.enabled=true --set 'ingress.hosts={tessera.example.org}'
  --set metrics.serviceMonitor.enabled=true --set metrics.prometheusRule.enabled=true
  --set metrics.grafanaDashboard.enabled=true --set 'groups[0].name=climate')
upgrade "upgrade (NetworkPolicies, Ingress, ServiceMonitors, PrometheusRule, dashboard, group namespace climate)" \
  "$WORK/upgrade-features.yaml" "${UPGRADE1[@]}" "${FEATURES[@]}"
[[ "$(kubectl get namespace "$KEPT_GROUP_NS" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}')" == restricted ]] \
  && pass "group namespace $KEPT_GROUP_NS enforces Pod Security restricted" || fail "group namespace $KEPT_GROUP_NS does not enforce restricted"
# Gateway off (and with it the Ingress), the other features off; the group namespace stays rendered.
upgrade "upgrade (gateway and optional features off)" "$WORK/upgrade2.yaml" "${UPGRADE1[@]}" \
  --set gateway.enabled=false --set 'groups[0].name=climate'
no_longer_rendered "$WORK/upgrade-features.yaml" "$WORK/upgrade2.yaml" >"$WORK/removed.txt"
missing=""
for kind in Ingress NetworkPolicy ServiceMonitor PrometheusRule; do
  [[ " $(cat "$WORK/removed.txt")" == *" $kind/"* ]] || missing+=" $kind"
done
[[ -z "$missing" ]] && pass "turning the features off deleted what they had rendered: $(cat "$WORK/removed.txt")" \
  || fail "turning the features off removed no:$missing"

# -- 5. uninstall ----------------------------------------------------------------------------------
phase "5. helm uninstall"
"$HELM" uninstall "$RELEASE" -n "$NS" --wait --timeout 120s >/dev/null || fail "helm uninstall failed"
INSTALLED=false
# Pods and ReplicaSets go by garbage collection after their Deployment: wait for them too.
left=""
for _ in $(seq 1 60); do
  # Objects annotated helm.sh/resource-policy=keep stay on purpose (group namespaces); checked below.
  left="$(labelled_objects | python3 -c 'import json,sys; print(" ".join(o["kind"] + "/" + o["metadata"]["name"] for o in json.load(sys.stdin)["items"] if (o["metadata"].get("annotations") or {}).get("helm.sh/resource-policy") != "keep"))')"
  [[ -z "$left" ]] && break; sleep 1
done
[[ -z "$left" ]] && pass "uninstall: no object labelled app.kubernetes.io/instance=$RELEASE left in any namespace or cluster-scoped" \
  || fail "uninstall left: $left"
# The documented keeps (chart README, "Uninstall").
kept="$(kubectl get crd arrayclusters.tessera.io arrayjobs.tessera.io scheduledjobs.tessera.io -o name 2>/dev/null | wc -l)"
((kept == 3)) && pass "kept: the 3 CRDs (Helm never deletes crds/)" || fail "CRDs deleted: $kept of 3 left"
kubectl -n "$NS" get secret "$RELEASE-gateway-webhook-tls" >/dev/null 2>&1 \
  && pass "kept: Secret $RELEASE-gateway-webhook-tls (created by the gateway, not the chart)" \
  || fail "Secret $RELEASE-gateway-webhook-tls gone, although the chart never owned it"
kubectl get namespace "$GROUP_NS" >/dev/null 2>&1 && pass "kept: group namespace $GROUP_NS (created by the gateway)" \
  || fail "group namespace $GROUP_NS gone"
kubectl get namespace "$KEPT_GROUP_NS" >/dev/null 2>&1 && pass "kept: group namespace $KEPT_GROUP_NS (the chart's, resource-policy keep)" \
  || fail "group namespace $KEPT_GROUP_NS gone, although the chart keeps group namespaces"

log "finished in $((SECONDS - STARTED)) s"
if ((FAILURES)); then log "$FAILURES check(s) failed"; exit 1; fi
log "all checks passed"
