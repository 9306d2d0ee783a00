#!/usr/bin/env bash
# The chart on a real (local) control plane with the real node: install, run as the installed
# identities, upgrade, uninstall. The operator and the gateway run as the chart's Deployments from
# the images built here (e2e-tests/cluster/images), with the chart's ServiceAccounts and RBAC;
# their PostgreSQL and Keycloak run on this machine at the node address (e2e-tests/cluster/host-services).
#   1. install: `helm install` (CRDs from crds/, gateway on) creates exactly the rendered objects;
#      the Deployments become Available: their pods Ready on the real node as the installed
#      ServiceAccounts
#   2. identities: a `kubectl auth can-i` table of allowed and refused verbs for the operator's and
#      the gateway's ServiceAccounts; refused requests made with their real tokens
#   3. the gateway issues its webhook certificate Secret and patches caBundle of the chart's
#      ValidatingWebhookConfiguration; creates a group and its namespace, creates/lists/scales/
#      deletes a cluster through its REST API (reached at its Service's ClusterIP), meters its pods;
#      the operator reconciles that cluster to Ready (a real Dask scheduler); the API server reaches
#      the webhook (failurePolicy Fail) through its Service: a create over the group's quota is
#      refused with the gateway's message, one within it is admitted; a scientist's notebook
#      (e2e-tests/python/notebook_journey.py: the unchanged dask-gateway client with an API token)
#      computes on real workers through the gateway's proxies, another group's user is refused;
#      neither component logs "forbidden"
#   4. upgrade with changed values (replicas, extraEnv, webhook off; then NetworkPolicies, Ingress,
#      ServiceMonitors, PrometheusRule, dashboard and a group namespace on; then the gateway and
#      those features off) applies them and removes what is no longer rendered
#   5. uninstall leaves nothing labelled app.kubernetes.io/instance=<release>; kept: CRDs, the
#      gateway's webhook Secret and group namespaces (chart README, "Uninstall")
# The API server (a process on this machine) reaches Services through kube-proxy's iptables rules,
# so the webhook keeps the chart's failurePolicy Fail. One replica each at install (2 cores).
# The cluster needs the machine's real node: it fails naming the cluster that holds it.
#   helm/install-test.sh [--name CLUSTER] [--keep]
#     --name  local cluster to use (default tessera-helm-test; started with the real node and no
#             simulated node if not running)
#     --keep  leave the cluster (and with it the real node), PostgreSQL and Keycloak running
#             afterwards (faster reruns)
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
    -h|--help) sed -n '2,28p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
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
  $KEEP || "$REPO/e2e-tests/cluster/localcluster" down --name "$NAME" >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

phase "images, local cluster '$NAME' with the real node, helm, PostgreSQL and Keycloak"
HELM="${HELM:-$("$HELM_DIR/build-helm.sh")}"
"$REPO/e2e-tests/cluster/images" build >/dev/null || die "the images did not build"
# A kept cluster without the real node cannot get one (its API server does not advertise the node address).
if [[ -d "${KWOK_WORKDIR:-$HOME/.kwok}/clusters/$NAME" && ! -d "$TESSERA_CACHE/clusters/$NAME/node" ]]; then
  "$REPO/e2e-tests/cluster/localcluster" down --name "$NAME" >/dev/null
fi
"$REPO/e2e-tests/cluster/localcluster" up --name "$NAME" --real-node --nodes 0 --gpu-nodes 0 >/dev/null
eval "$("$REPO/e2e-tests/cluster/localcluster" env --name "$NAME")"
if "$HELM" status "$RELEASE" -n "$NS" >/dev/null 2>&1; then
  die "release $RELEASE already exists in $NS: helm uninstall $RELEASE -n $NS (or localcluster down --name $NAME) first"
fi
# A fresh gateway database: groups and reservations of an earlier run would change what the API does.
"$REPO/e2e-tests/cluster/postgres" delete --name "$NAME" >/dev/null 2>&1 || true
"$REPO/e2e-tests/cluster/host-services" start --name "$NAME" --namespace "$NS" >/dev/null
"$REPO/e2e-tests/cluster/host-services" values --name "$NAME" >"$WORK/host-values.yaml"

# Values of this test: the gateway's required values (ci/gateway-values.yaml) pointed at the
# PostgreSQL and Keycloak on this machine, one replica each; the webhook as the chart has it
# (failurePolicy Fail).
INSTALL_ARGS=(-f "$CHART/ci/gateway-values.yaml" -f "$WORK/host-values.yaml"
  --set operator.replicas=1 --set gateway.replicas=1)

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
# The namespace and the Secrets the values name: host-services made them (the gateway reads them).
render "${INSTALL_ARGS[@]}" >"$WORK/install.yaml"
if ! "$HELM" install "$RELEASE" "$CHART" -n "$NS" "${INSTALL_ARGS[@]}" --wait --timeout 300s >/dev/null; then
  kubectl get pods -n "$NS" -o wide >&2; kubectl logs -n "$NS" -l "app.kubernetes.io/instance=$RELEASE" --tail=30 >&2 || true
  die "helm install failed (output above)"
fi
INSTALLED=true
pass "helm install $RELEASE: $("$HELM" status "$RELEASE" -n "$NS" -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["info"]["status"])')"
same_objects "install" "$WORK/install.yaml"
deployments_available "install"
# Each component's pods: Ready, on the real node, from the local image, as the installed ServiceAccount.
for component in operator gateway; do
  kubectl get pods -n "$NS" -l "app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=$component" -o json >"$WORK/pods.json"
  if python3 - "$WORK/pods.json" "$NS" "$RELEASE-$component" >"$WORK/pods.txt" 2>&1 <<'PY'; then pass "$component: $(cat "$WORK/pods.txt")"
import json, sys
pods = json.load(open(sys.argv[1]))["items"]
if not pods: sys.exit("no pods")
for p in pods:
    ready = any(c["type"] == "Ready" and c["status"] == "True" for c in p["status"].get("conditions", []))
    sa, node = p["spec"]["serviceAccountName"], p["spec"].get("nodeName")
    started = [c.get("containerID", "") for c in p["status"].get("containerStatuses", [])]
    if not ready or sa != sys.argv[3] or node != "real-node" or not all(i.startswith("containerd://") for i in started):
        sys.exit(f"{p['metadata']['name']}: ready={ready}, serviceAccount={sa}, node={node}, containers={started}")
print(", ".join(f"{p['metadata']['name']} Ready on {p['spec']['nodeName']} as ServiceAccount "
                f"{sys.argv[2]}/{p['spec']['serviceAccountName']}, image {p['spec']['containers'][0]['image']}" for p in pods))
PY
  else fail "$component pods: $(cat "$WORK/pods.txt")"; fi
done
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
  # Each cluster's TLS Secret: get and create (RBAC cannot limit create by name), nothing more.
  "$OPERATOR_SA yes create secrets -n $GROUP_NS"
  "$OPERATOR_SA yes get secrets -n $GROUP_NS"
  "$OPERATOR_SA no list secrets -n $GROUP_NS"
  "$OPERATOR_SA no watch secrets -A"
  "$OPERATOR_SA no update secrets -n $GROUP_NS"
  "$OPERATOR_SA no delete secrets -n $GROUP_NS"
  "$OPERATOR_SA no update pods -n $GROUP_NS"
  "$OPERATOR_SA no update leases.coordination.k8s.io -n kube-system"
  "$OPERATOR_SA no patch validatingwebhookconfigurations.admissionregistration.k8s.io/$RELEASE-gateway"
  "$GATEWAY_SA yes create namespaces"
  "$GATEWAY_SA yes get namespaces"
  "$GATEWAY_SA yes create arrayclusters.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA yes update arrayclusters.tessera.io -n $GROUP_NS"
  "$GATEWAY_SA no patch arrayclusters.tessera.io -n $GROUP_NS"
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
  # Cluster credentials (<cluster>-tls) are read by name in any namespace; never listed, watched or written.
  "$GATEWAY_SA yes get secrets -n $GROUP_NS"
  "$GATEWAY_SA no list secrets -A"
  "$GATEWAY_SA no watch secrets -A"
  "$GATEWAY_SA no list secrets -n kube-system"
  "$GATEWAY_SA no create secrets -n $GROUP_NS"
  "$GATEWAY_SA no update secrets -n $GROUP_NS"
  "$GATEWAY_SA no delete secrets -n $GROUP_NS"
  "$GATEWAY_SA no list secrets -n $NS"
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
refused "$WORK/gateway.kubeconfig" "gateway lists Secrets of kube-system" get secrets -n kube-system
refused "$WORK/gateway.kubeconfig" "gateway deletes a namespace" delete namespace "$NS" --dry-run=server
refused "$WORK/operator.kubeconfig" "operator creates a namespace" create namespace forbidden-test --dry-run=server

# -- 3. the operator and the gateway do their job with these identities ---------------------------
phase "3. operator and gateway do their job as the installed ServiceAccounts"
# Fresh pods of a fresh install: their whole logs are this run's.
pod_logs() { kubectl logs -n "$NS" -l "app.kubernetes.io/instance=$RELEASE,app.kubernetes.io/component=$1" --tail=-1 --prefix; }

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

# The REST API at the Service's ClusterIP (kube-proxy on this machine), as the test realm's admin
# (dave) and a member (alice); Keycloak at its fixed hostname, the issuer the gateway expects.
GATEWAY_URL="http://$(kubectl get svc -n "$NS" "$RELEASE-gateway" -o jsonpath='{.spec.clusterIP}:{.spec.ports[0].port}')"
KC_TOKEN_URL="$("$REPO/e2e-tests/cluster/host-services" url --name "$NAME")/realms/tessera/protocol/openid-connect/token"
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
# Real pods: a scheduler and two workers must fit this machine's 2 cores.
expect_status "admin sets cluster options that fit 2 cores" 200 "$(api "$ADMIN" PUT "/api/admin/v1/groups/$GROUP/options" \
  '{"workerCores": {"min": 0.1, "max": 1, "default": 0.1}, "workerMemoryBytes": {"min": 268435456, "max": 1073741824, "default": 536870912},
    "schedulerCores": 0.1, "schedulerMemoryBytes": 805306368}')"
labels="$(kubectl get namespace "$GROUP_NS" -o jsonpath='{.metadata.labels.tessera\.io/group}/{.metadata.labels.app\.kubernetes\.io/managed-by}' 2>/dev/null || true)"
[[ "$labels" == "$GROUP/tessera-gateway" ]] && pass "gateway created namespace $GROUP_NS (tessera.io/group=$GROUP, managed-by tessera-gateway)" \
  || fail "namespace $GROUP_NS missing or not labelled by the gateway: '$labels'"

created="$(api "$ALICE" POST /api/v1/clusters/ "{\"cluster_options\": {\"group\": \"$GROUP\"}}")"
expect_status "alice creates a cluster" 201 "$created"
CLUSTER="$(python3 -c 'import json,sys; print(json.loads(sys.argv[1].rsplit("\n", 1)[0])["name"])' "$created" 2>/dev/null || true)"
[[ -n "$CLUSTER" ]] || die "no cluster name in the create answer: $created"
if kubectl wait -n "$GROUP_NS" --for=condition=Ready --timeout=120s "arraycluster/$CLUSTER" >/dev/null 2>"$WORK/wait.txt"; then
  pass "operator reconciled ArrayCluster $GROUP_NS/$CLUSTER (created by the gateway) to Ready: its real scheduler answers"
else
  cat "$WORK/wait.txt" >&2; kubectl get ac,pods -n "$GROUP_NS" -o wide >&2
  fail "ArrayCluster $CLUSTER not Ready within 120 s (kubectl logs -n $NS -l app.kubernetes.io/component=operator)"
fi

# The webhook through its Service (failurePolicy Fail): the API server asks the gateway, which
# refuses a cluster over the group's quota (16 cores) and admits one within it.
webhook_answer() { # <cores per worker> <workers>: kubectl's answer to a server-side dry-run create
  kubectl create --dry-run=server -n "$GROUP_NS" -o name -f - 2>&1 <<YAML || true
apiVersion: tessera.io/v1alpha1
kind: ArrayCluster
metadata: {name: webhook-probe, labels: {tessera.io/group: $GROUP, tessera.io/user: alice}}
spec:
  scheduler:
    resources: {limits: {cpu: 100m, memory: 256Mi}}
  worker:
    replicas: $2
    resources: {limits: {cpu: "$1", memory: 1Gi}}
YAML
}
[[ "$(kubectl get validatingwebhookconfiguration "$RELEASE-gateway" -o jsonpath='{.webhooks[0].failurePolicy} {.webhooks[0].clientConfig.service.name}')" == "Fail $RELEASE-gateway-webhook" ]] \
  && pass "webhook: failurePolicy Fail, clientConfig.service $RELEASE-gateway-webhook" || fail "webhook: not failurePolicy Fail through its Service"
over="$(webhook_answer 8 4)"
if [[ "$over" == *"admission webhook \"admission.tessera.io\" denied the request: group $GROUP: cores "*" requested"* ]]; then
  pass "webhook: a create over the quota (32 cores) is refused by the gateway: ${over##*denied the request: }"
else fail "webhook: a create over the quota was not refused by the gateway: $over"; fi
within="$(webhook_answer 1 1)"
[[ "$within" == "arraycluster.tessera.io/webhook-probe" ]] && pass "webhook: a create within the quota is admitted (dry run)" \
  || fail "webhook: a create within the quota was not admitted: $within"
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

# A scientist's notebook: the unchanged dask-gateway client with only the gateway URL and an API
# token computes on real workers through the gateway's proxy; carol (group climate) is refused.
api_token() { # <user>: a Tessera API token, created with the user's Keycloak login
  api "$(token "$1")" POST /api/tessera/v1/tokens '{"description": "install-test notebook", "expiresInDays": 1}' \
    | head -n -1 | python3 -c 'import json,sys; print(json.load(sys.stdin)["token"])'
}
if JOURNEY_OWNER_TOKEN="$(api_token alice)" && JOURNEY_OTHER_TOKEN="$(api_token carol)"; then
  export JOURNEY_OWNER_TOKEN JOURNEY_OTHER_TOKEN
  if "$("$REPO/e2e-tests/python/ensure-venv.sh")" "$REPO/e2e-tests/python/notebook_journey.py" \
      --gateway "$GATEWAY_URL" --namespace "$GROUP_NS" --kubectl "$(command -v kubectl)"; then
    pass "notebook journey: new_cluster, scale, Xarray on the workers, adapt, dashboard, connect, shutdown; other group refused"
  else
    fail "notebook journey (its FAIL lines above); gateway log: kubectl logs -n $NS -l app.kubernetes.io/component=gateway"
  fi
  unset JOURNEY_OWNER_TOKEN JOURNEY_OTHER_TOKEN
else
  fail "notebook journey: could not create API tokens for alice and carol"
fi

# Least privilege and enough: a permission the chart lacks shows up as a 403 in a log.
for who in operator gateway; do
  pod_logs "$who" >"$WORK/$who.log" 2>&1 || fail "no log of the $who pods: $(head -3 "$WORK/$who.log")"
  if grep -i "forbidden" "$WORK/$who.log" >"$WORK/forbidden.txt"; then
    fail "the $who logged forbidden requests (a permission missing from the chart):"$'\n'"$(head -5 "$WORK/forbidden.txt")"
  else pass "the $who logged no forbidden request ($(wc -l <"$WORK/$who.log") log lines)"; fi
done

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
  "$HELM" upgrade "$RELEASE" "$CHART" -n "$NS" "${INSTALL_ARGS[@]}" "$@" --wait --timeout 240s >/dev/null \
    || { fail "$label: helm upgrade failed"; return; }
  same_objects "$label" "$out"
}
UPGRADE1=(--set gateway.replicas=2 --set gateway.webhook.enabled=false
  --set-json 'gateway.extraEnv=[{"name":"TESSERA_GATEWAY_METERING_HEARTBEAT_PERIOD","value":"30s"}]')
upgrade "upgrade (gateway.replicas=2, gateway extraEnv, webhook off)" "$WORK/upgrade1.yaml" "${UPGRADE1[@]}"
deployments_available "upgrade"
[[ "$(kubectl get deploy -n "$NS" "$RELEASE-gateway" -o jsonpath='{.spec.replicas}/{.status.readyReplicas}')" == 2/2 ]] \
  && pass "gateway Deployment scaled to 2 ready replicas" || fail "gateway Deployment not at 2 ready replicas"
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
# Group "astro", which the test realm lacks: Helm adopts nothing, and the gateway, running all along
# now, has made the namespaces of the realm's groups by then (tessera-climate too).
KEPT_GROUP_NS=tessera-astro
FEATURES=(--set networkPolicy.enabled=true --set ingress.enabled=true --set 'ingress.hosts={tessera.example.org}'
  --set metrics.serviceMonitor.enabled=true --set metrics.prometheusRule.enabled=true
  --set metrics.grafanaDashboard.enabled=true --set 'groups[0].name=astro')
upgrade "upgrade (NetworkPolicies, Ingress, ServiceMonitors, PrometheusRule, dashboard, group namespace astro)" \
  "$WORK/upgrade-features.yaml" "${UPGRADE1[@]}" "${FEATURES[@]}"
[[ "$(kubectl get namespace "$KEPT_GROUP_NS" -o jsonpath='{.metadata.labels.pod-security\.kubernetes\.io/enforce}')" == restricted ]] \
  && pass "group namespace $KEPT_GROUP_NS enforces Pod Security restricted" || fail "group namespace $KEPT_GROUP_NS does not enforce restricted"
# Gateway off (and with it the Ingress), the other features off; the group namespace stays rendered.
upgrade "upgrade (gateway and optional features off)" "$WORK/upgrade2.yaml" "${UPGRADE1[@]}" \
  --set gateway.enabled=false --set 'groups[0].name=astro'
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
