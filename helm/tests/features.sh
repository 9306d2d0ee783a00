#!/usr/bin/env bash
# Static checks of the chart's optional features (no cluster needed; helm/dry-run.sh does the
# server-side part):
#   (helm lint --strict of every case is golden.sh's)
#   2. bad values fail the render with the message that says what to do (table below)
#   3. everything-mirror: every image (bundled PostgreSQL/Keycloak included) comes from the mirror
#      and every pod has the pull secret
#   4. group namespaces carry the labels the gateway itself sets and checks (read from its source),
#      and enforce the Pod Security level the operator's pods meet (operator.podSecurity)
#   5. PrometheusRule and Grafana dashboard name only metrics the code defines (Micrometer names in
#      operator/ and gateway/, as Prometheus shows them) or known external ones
#   6. PodDisruptionBudgets exist exactly when replicas > 1; NetworkPolicy groupSameNamespace modes
# Usage: helm/tests/features.sh [--help]. Uses the helm of build-helm.sh (or $HELM) and python3.
set -euo pipefail
TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HELM_DIR="$(cd "$TESTS_DIR/.." && pwd)"
REPO="$(cd "$HELM_DIR/.." && pwd)"
CHART="$HELM_DIR/tessera"
case "${1:-}" in
  -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
  "") ;;
  *) echo "unknown argument: $1 (try --help)" >&2; exit 2 ;;
esac

REPORT_TAG=features; source "$TESTS_DIR/report.sh"
HELM="${HELM:-$("$HELM_DIR/build-helm.sh")}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
render() { "$HELM" template tessera "$CHART" --namespace tessera-system "$@"; }

# -- 2. bad values: <expected message part> | <helm args> --------------------------------------
# The gateway is on by default and needs its services: entries name them ($GW) or turn it off ($OFF),
# so that each render fails for the reason under test.
OFF="--set gateway.enabled=false"
GW="--set gateway.enabled=true --set gateway.postgresql.jdbcUrl=jdbc:postgresql://db/t --set gateway.postgresql.existingSecret=s --set gateway.keycloak.url=https://k --set gateway.keycloak.existingSecret=s"
BAD=(
  "ingress.hosts must name at least one host|$GW --set ingress.enabled=true"
  "ingress.enabled needs gateway.enabled|$OFF --set ingress.enabled=true --set ingress.hosts={a.example.org}"
  # The schema (values.schema.json) rejects bad names first; the template checks the same rules.
  "at '/groups/0/name': 'Physics' does not match pattern|$OFF --set groups[0].name=Physics"
  "must be a DNS label of at most 40 characters|$OFF --skip-schema-validation --set groups[0].name=Physics"
  "at '/groups/0/namespace': 'Bad_NS' does not match pattern|$OFF --set groups[0].name=physics --set groups[0].namespace=Bad_NS"
  "namespace \"Bad_NS\" of group physics must be a DNS label|$OFF --skip-schema-validation --set groups[0].name=physics --set groups[0].namespace=Bad_NS"
  "groups: group physics is listed twice|$OFF --set groups[0].name=physics --set groups[1].name=physics --set groups[1].namespace=other"
  "namespace shared is used by groups a and b|$OFF --set groups[0].name=a --set groups[0].namespace=shared --set groups[1].name=b --set groups[1].namespace=shared"
  # Restricted group namespaces would refuse every Dask pod the operator makes without its settings.
  "groupNamespaces.podSecurity.enforce is \"restricted\" but operator.podSecurity is \"none\"|$OFF --set operator.podSecurity=none --set groups[0].name=physics"
  "at '/operator/podSecurity': value must be one of|$OFF --set operator.podSecurity=off"
  "networkPolicy.egress.apiServerCIDRs is required|$OFF --set networkPolicy.enabled=true --set networkPolicy.egress.enabled=true"
  "networkPolicy.egress.postgresqlCIDRs is required|$GW --set networkPolicy.enabled=true --set networkPolicy.egress.enabled=true --set networkPolicy.egress.apiServerCIDRs={10.0.0.1/32}"
  "podDisruptionBudget: set minAvailable or maxUnavailable|$OFF --set podDisruptionBudget.operator.maxUnavailable="
  "postgresql.auth.existingSecret is required with postgresql.enabled|$OFF --set postgresql.enabled=true"
  "keycloak.url is required with keycloak.enabled|$OFF --set keycloak.enabled=true --set postgresql.enabled=true --set postgresql.auth.existingSecret=p --set keycloak.auth.existingSecret=k"
  "keycloak.url \"keycloak.example.org\" must be an absolute http(s) URL|$OFF --set keycloak.enabled=true --set keycloak.url=keycloak.example.org"
  "keycloak.auth.existingSecret is required with keycloak.enabled|$OFF --set keycloak.enabled=true --set keycloak.url=https://k.example.org --set postgresql.enabled=true --set postgresql.auth.existingSecret=p"
  "keycloak.gatewayUrl is required with keycloak.enabled|$OFF --set keycloak.enabled=true --set keycloak.url=https://k.example.org --set keycloak.auth.existingSecret=k --set postgresql.enabled=true --set postgresql.auth.existingSecret=p"
  "keycloak.enabled needs a database|$OFF --set keycloak.enabled=true --set keycloak.url=https://k.example.org --set keycloak.auth.existingSecret=k --set keycloak.gatewayUrl=https://t.example.org"
)
for entry in "${BAD[@]}"; do
  expected="${entry%%|*}"; read -r -a args <<<"${entry#*|}"
  if render "${args[@]}" >/dev/null 2>"$WORK/bad.txt"; then fail "rendered although bad: ${entry#*|}"
  elif grep -qF -- "$expected" "$WORK/bad.txt"; then pass "bad values fail with: $expected"
  else cat "$WORK/bad.txt" >&2; fail "bad values failed without the message '$expected'"; fi
done

# -- 3..6 on renders ----------------------------------------------------------------------------
# The renders of the cases, with their bases, exactly as the golden tests render them.
for f in "$TESTS_DIR"/cases/*.yaml; do
  HELM="$HELM" "$TESTS_DIR/golden.sh" --render "$(basename "$f" .yaml)" >"$WORK/$(basename "$f")"
done
# NetworkPolicy modes beside the operator's per-cluster policies (operator.networkPolicy).
render --set operator.networkPolicy.enabled=false -f "$TESTS_DIR/cases/networkpolicy.yaml" >"$WORK/np-operator-policies-off.yaml"
render --set networkPolicy.groupSameNamespace=never -f "$TESTS_DIR/cases/networkpolicy.yaml" \
  --set operator.networkPolicy.enabled=false >"$WORK/np-never.yaml"

python3 - "$WORK" "$REPO" <<'PY' || FAILURES=$((FAILURES + 1))
import json, os, re, sys, yaml
work, repo = sys.argv[1], sys.argv[2]
failures = 0
def check(ok, what):
    global failures
    print(f"[features] {'ok' if ok else 'FAIL'}: {what}", file=sys.stderr)
    failures += not ok
def load(name):
    with open(os.path.join(work, name)) as f:
        return [d for d in yaml.safe_load_all(f) if d]
def pod_specs(docs):
    for d in docs:
        spec = d.get("spec", {})
        if d["kind"] in ("Deployment", "StatefulSet"):
            yield d, spec["template"]["spec"]

# 3. mirror: every image and pull secrets on every pod
docs = load("everything-mirror.yaml")
images = [c["image"] for _, s in pod_specs(docs) for c in s.get("containers", []) + s.get("initContainers", [])]
check(len(images) >= 4 and all(i.startswith("mirror.internal/") for i in images),
      f"everything-mirror: {len(images)} images all from mirror.internal: {sorted(set(images))}")
check(any("library/postgres" in i for i in images) and any("keycloak/keycloak" in i for i in images),
      "everything-mirror: the bundled PostgreSQL and Keycloak images are among them")
missing = [d["metadata"]["name"] for d, s in pod_specs(docs) if {"name": "mirror-credentials"} not in s.get("imagePullSecrets", [])]
check(not missing, f"everything-mirror: every pod has the pull secret (missing: {missing})")
# The operator gets the same secrets for the Dask pods in group namespaces, and may read only them at home.
def operator_env(docs):
    deploy = next(d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-operator"))
    return {e["name"]: e.get("value") for e in deploy["spec"]["template"]["spec"]["containers"][0]["env"]}
check(operator_env(docs).get("TESSERA_OPERATOR_IMAGE_PULL_SECRETS") == "mirror-credentials",
      "everything-mirror: the operator copies mirror-credentials for the Dask pods (TESSERA_OPERATOR_IMAGE_PULL_SECRETS)")
roles = [d for d in docs if d["kind"] == "Role" and d["metadata"]["name"].endswith("-image-pull-secrets")]
check(len(roles) == 1 and roles[0]["rules"][0]["resourceNames"] == ["mirror-credentials"],
      "everything-mirror: the operator may read the source Secrets by name only")
plain = load("operator-only.yaml")
check("TESSERA_OPERATOR_IMAGE_PULL_SECRETS" not in operator_env(plain)
      and not any(d["metadata"]["name"].endswith("-image-pull-secrets") for d in plain),
      "operator-only: no pull secrets, no setting and no Secret rules for the operator")

# 4. group namespaces: the group label the gateway adopts by, the gateway's naming rule (from its source)
prefix = re.search(r'NAMESPACE_PREFIX\s*=\s*"([^"]+)"', open(os.path.join(repo, "gateway/src/main/java/io/tessera/gateway/group/Names.java")).read()).group(1)
ns = {d["metadata"]["name"]: d["metadata"] for d in load("groups.yaml") if d["kind"] == "Namespace"}
check(set(ns) == {prefix + "physics", "climate-lab"}, f"groups: namespaces {sorted(ns)} ({prefix}<group> unless named)")
for name, meta in ns.items():
    labels = meta["labels"]
    check(labels.get("tessera.io/group") in ("physics", "climate")
          and labels.get("pod-security.kubernetes.io/enforce") == "restricted"
          and meta.get("annotations", {}).get("helm.sh/resource-policy") == "keep",
          f"groups: {name} labelled tessera.io/group, enforce=restricted, kept on uninstall")
# The Dask pods meet what the group namespaces enforce: the operator's setting matches the label.
def operator_env(docs):
    deployment = [d for d in docs if d["kind"] == "Deployment" and d["metadata"]["name"].endswith("-operator")][0]
    return {e["name"]: e.get("value") for e in deployment["spec"]["template"]["spec"]["containers"][0]["env"]}
def enforced(docs):
    return {d["metadata"]["labels"]["pod-security.kubernetes.io/enforce"] for d in docs if d["kind"] == "Namespace"}
docs = load("groups.yaml")
check(operator_env(docs).get("TESSERA_OPERATOR_POD_SECURITY") == "restricted" and enforced(docs) == {"restricted"},
      "groups (defaults): operator pod-security restricted, group namespaces enforce restricted")
docs = load("pod-security-none.yaml")
check(operator_env(docs).get("TESSERA_OPERATOR_POD_SECURITY") == "none" and enforced(docs) == {"baseline"},
      "pod-security-none: operator pod-security none, group namespace enforces baseline")
nokeep = [d for d in load("groups-no-keep.yaml") if d["kind"] == "Namespace"][0]["metadata"]
check("helm.sh/resource-policy" not in nokeep.get("annotations", {}), "groups-no-keep: no keep annotation")

# 5. metric names in alerts and dashboard exist
defined = set()
for root in ("operator/src/main/java", "gateway/src/main/java"):
    for dirpath, _, files in os.walk(os.path.join(repo, root)):
        for fn in files:
            if not fn.endswith(".java"):
                continue
            text = open(os.path.join(dirpath, fn)).read()
            for kind, name in re.findall(r'(Counter|Timer|Gauge|MultiGauge|FunctionCounter)\.builder\("([a-z0-9.]+)"', text):
                base = name.replace(".", "_")
                if kind in ("Counter", "FunctionCounter"):
                    defined.add(base + "_total")
                elif kind == "Timer":
                    defined.update(base + "_seconds" + s for s in ("_bucket", "_count", "_sum", "_max"))
                else:
                    defined.add(base)
            for name in re.findall(r'registry\.counter\("([a-z0-9.]+)"', text):
                defined.add(name.replace(".", "_") + "_total")
external = {"up", "apiserver_admission_webhook_rejection_count", "http_server_requests_seconds_count", "http_server_requests_seconds_bucket"}
promql_words = {"sum", "max", "min", "by", "rate", "increase", "absent", "histogram_quantile", "le", "label_values", "without", "and", "or"}
def metrics_in(expr):
    expr = re.sub(r'\{[^}]*\}', '', expr)          # label matchers
    expr = re.sub(r'\[[^\]]*\]', '', expr)          # ranges
    expr = re.sub(r'\((?:[a-z_, ]+)\)', lambda m: "()" if all(w.strip() in ("le", "group", "resource", "phase", "operation", "reason", "result", "trigger", "status", "error_type", "") for w in m.group(0)[1:-1].split(",")) else m.group(0), expr)
    return {w for w in re.findall(r'\b[a-z_][a-z0-9_]*\b', expr) if w not in promql_words}
rule = [d for d in load("monitoring.yaml") if d["kind"] == "PrometheusRule"][0]
exprs = [r["expr"] for g in rule["spec"]["groups"] for r in g["rules"]]
dash = json.load(open(os.path.join(repo, "helm/tessera/files/grafana-dashboard.json")))
exprs += [t["expr"] for p in dash["panels"] for t in p.get("targets", [])]
used = set().union(*(metrics_in(e) for e in exprs))
unknown = sorted(used - defined - external)
check(len(exprs) > 20 and not unknown, f"{len(exprs)} alert/dashboard expressions name only defined metrics ({len(used)} names; unknown: {unknown})")
alerts = {r["alert"] for g in rule["spec"]["groups"] for r in g["rules"]}
check({"TesseraOperatorDown", "TesseraGatewayDown", "TesseraWebhookUnavailable", "TesseraGroupQuotaNearlyFull", "TesseraAdmissionsRejected", "TesseraSchedulerApiErrors"} <= alerts, f"alerts: {sorted(alerts)}")
check(any("> 0.8" in e for e in exprs), "monitoring: quotaUtilisationThreshold 0.8 reaches the quota alert")
only_op = [d for d in load("monitoring-operator-only.yaml") if d["kind"] == "PrometheusRule"][0]
check([g["name"] for g in only_op["spec"]["groups"]] == ["tessera.operator"], "monitoring-operator-only: no gateway alerts without the gateway")

# 6. PDBs and NetworkPolicy modes
def pdbs(name):
    return {d["metadata"]["name"]: d["spec"] for d in load(name) if d["kind"] == "PodDisruptionBudget"}
check(set(pdbs("operator-only.yaml")) == {"tessera-operator"} and pdbs("operator-only.yaml")["tessera-operator"].get("maxUnavailable") == 1, "operator-only: operator PDB maxUnavailable 1")
check(pdbs("pdb-single-replica.yaml") == {}, "pdb-single-replica: no PDB with one replica")
check(pdbs("pdb-off.yaml") == {}, "pdb-off: no PDB when disabled")
m = pdbs("pdb-min-available.yaml")
check(m.get("tessera-operator", {}).get("minAvailable") == 2 and m.get("tessera-gateway", {}).get("minAvailable") == "50%"
      and all("maxUnavailable" not in s for s in m.values()), f"pdb-min-available: minAvailable only ({m})")
def same_ns_rule(name):
    allow = [d for d in load(name) if d["kind"] == "NetworkPolicy" and d["metadata"]["name"].endswith("-dask-allow")]
    return [any(set(r.get("from", [{}])[0]) == {"podSelector"} for r in d["spec"]["ingress"]) for d in allow]
check(same_ns_rule("networkpolicy.yaml") == [False, False], "networkpolicy (auto, operator policies on by default): no namespace-wide allow")
check(same_ns_rule("np-operator-policies-off.yaml") == [True, True], "networkpolicy (auto, operator.networkPolicy.enabled=false): namespace-wide allow")
check(same_ns_rule("np-never.yaml") == [False, False], "networkpolicy (never): no namespace-wide allow even without operator policies")
check(same_ns_rule("networkpolicy-egress.yaml") == [True], "networkpolicy-egress (always): namespace-wide allow")
sys.exit(1 if failures else 0)
PY

if ((FAILURES)); then echo "[features] $FAILURES check group(s) failed" >&2; exit 1; fi
echo "[features] all checks passed" >&2
