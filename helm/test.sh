#!/usr/bin/env bash
# Static checks of the Tessera chart, no cluster needed:
#   1. helm lint --strict and 2. helm template, with the gateway (on by default) and its required
#      values (ci/gateway-values.yaml), without it (ci/operator-only-values.yaml), and both again
#      with global.imageRegistry=mirror.internal, where
#      every image reference (image: fields and the operator's default worker image) must start
#      with mirror.internal/ - an air-gapped install must never reach another registry
#   3. crds/ of the chart is byte-identical to the generated CRDs of the crds module
#   4. the chart renders the reference manifests (operator/rbac/operator-rbac.yaml,
#      gateway/kubernetes/*.yaml) unchanged: one truth for RBAC and the webhook
#   5. values.schema.json: the generator's unit tests pass, the schema is what values.yaml
#      generates, and an unknown key (top level, nested) or a wrong type fails `helm template`
#      with Helm's schema error naming the key
#   6. golden template tests (helm/tests/golden.sh): every case renders as committed, every
#      template renders in some case
#   7. helm/tessera/images.txt (images to mirror) is what helm/list-images.sh generates
#   8. the optional features' static checks (helm/tests/features.sh)
# Uses the helm that build-helm.sh builds (or $HELM) and python3 with PyYAML.
set -euo pipefail
HELM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HELM_DIR/.." && pwd)"
CHART="$HELM_DIR/tessera"
MIRROR=mirror.internal

REPORT_TAG=helm-test; source "$HELM_DIR/tests/report.sh"

HELM="${HELM:-$("$HELM_DIR/build-helm.sh")}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
log "using $("$HELM" version --short)"

# Cases: <name> <helm args...>; every case is linted and rendered.
# Default values alone do not render: the gateway (on by default) needs its PostgreSQL and Keycloak.
CASES=(
  "operator-only -f $CHART/ci/operator-only-values.yaml"
  "operator-only-mirror -f $CHART/ci/operator-only-values.yaml --set global.imageRegistry=$MIRROR"
  "operator-only-pull-secrets -f $CHART/ci/operator-only-values.yaml --set global.imagePullSecrets={registry-mirror}"
  "gateway -f $CHART/ci/gateway-values.yaml"
  "gateway-mirror -f $CHART/ci/gateway-values.yaml --set global.imageRegistry=$MIRROR"
)
# Pairs <plain case> <mirror case>: the second must reference only the mirror, the same images.
MIRROR_PAIRS=("operator-only operator-only-mirror" "gateway gateway-mirror")

# -- 1. lint, 2. render ---------------------------------------------------------------------------
render() { # <output> [helm args...]
  local out="$1"; shift
  "$HELM" template tessera "$CHART" --namespace tessera-system --include-crds "$@" >"$out"
}
for case in "${CASES[@]}"; do
  read -r -a args <<<"$case"; name="${args[0]}"; args=("${args[@]:1}")
  if "$HELM" lint --strict "$CHART" "${args[@]}" >"$WORK/lint-$name.txt" 2>&1; then pass "helm lint --strict ($name)"
  else cat "$WORK/lint-$name.txt" >&2; fail "helm lint --strict ($name)"; fi
  if render "$WORK/$name.yaml" "${args[@]}" 2>"$WORK/render-$name.txt"; then pass "helm template ($name)"
  else cat "$WORK/render-$name.txt" >&2; rm -f "$WORK/$name.yaml"; fail "helm template ($name)"; fi
done

# Missing required values are a clear error at render time, not a broken install: default values
# must fail with the list of exactly what to set (and the way out), one of them missing with just it.
REQUIRED=(gateway.keycloak.existingSecret gateway.keycloak.url gateway.postgresql.existingSecret gateway.postgresql.jdbcUrl)
expect_missing() { # <case name> <expected list> [helm args...]
  local name="$1" expected="$2"; shift 2
  if render "$WORK/missing.yaml" "$@" 2>"$WORK/missing.txt"; then fail "$name: rendered without PostgreSQL/Keycloak values"
  elif grep -qF "set $expected (see the chart README" "$WORK/missing.txt" && grep -qF "gateway.enabled=false" "$WORK/missing.txt"; then
    pass "$name fails with: $(grep -o 'the gateway (gateway.enabled.*' "$WORK/missing.txt")"
  else cat "$WORK/missing.txt" >&2; fail "$name: failed without the message listing $expected"; fi
}
expect_missing "default values" "$(IFS=,; echo "${REQUIRED[*]}" | sed 's/,/, /g')"
expect_missing "without gateway.postgresql.existingSecret" gateway.postgresql.existingSecret \
  -f "$CHART/ci/gateway-values.yaml" --set gateway.postgresql.existingSecret=

# Every image reference in a rendered file: `image:` fields plus the values of *_IMAGE settings
# (the operator's default worker image, which it later puts into the pods it creates).
image_refs() { "$HELM_DIR/lib/image_refs.py" "$1"; }
for pair in "${MIRROR_PAIRS[@]}"; do
  read -r plain mirrored <<<"$pair"
  if [[ ! -f "$WORK/$plain.yaml" || ! -f "$WORK/$mirrored.yaml" ]]; then fail "images: render $plain or $mirrored missing"; continue; fi
  image_refs "$WORK/$plain.yaml" >"$WORK/$plain-images.txt"
  image_refs "$WORK/$mirrored.yaml" >"$WORK/$mirrored-images.txt"
  if [[ ! -s "$WORK/$mirrored-images.txt" ]]; then fail "$mirrored: no image reference found (the check would be vacuous)"
  elif outside="$(grep -v "^$MIRROR/" "$WORK/$mirrored-images.txt")"; then
    fail "$mirrored: image references outside $MIRROR with global.imageRegistry=$MIRROR:"$'\n'"$outside"
  else pass "$mirrored: all $(wc -l <"$WORK/$mirrored-images.txt") image references start with $MIRROR/: $(sort -u "$WORK/$mirrored-images.txt" | tr '\n' ' ')"; fi
  # The same images, only the registry differs: the mirror changes where, never what.
  if diff <(sed 's|^[^/]*/||' "$WORK/$plain-images.txt") <(sed 's|^[^/]*/||' "$WORK/$mirrored-images.txt") >/dev/null; then
    pass "$plain and $mirrored reference the same repositories and tags"
  else fail "$plain and $mirrored reference different images: $(paste -sd' ' "$WORK/$plain-images.txt") vs $(paste -sd' ' "$WORK/$mirrored-images.txt")"; fi
done

# -- 3. CRDs --------------------------------------------------------------------------------------
if diff -r "$REPO/crds/generated" "$CHART/crds" >"$WORK/crds.diff"; then pass "chart crds/ equals crds/generated/"
else cat "$WORK/crds.diff" >&2; fail "chart crds/ differs from crds/generated/ (copy crds/generated/*.yml into helm/tessera/crds/)"; fi

# -- 4. RBAC and webhook: the chart renders the reference manifests -------------------------------
# Release "tessera" in tessera-system gives the reference files' names, so every RBAC object and the
# webhook configuration of a reference file must appear in the render with the same content.
same_as_reference() { # <reference file> <render>
  python3 - "$1" "$2" <<'PY'
import sys, yaml
def load(path):
    with open(path) as f:
        return [d for d in yaml.safe_load_all(f) if d]
def key(d):
    return (d["kind"], d["metadata"]["name"], d["metadata"].get("namespace"))
def rules(rs):
    # Order of rules and of list items carries no meaning in RBAC: compare as sets.
    return sorted(tuple(tuple(sorted(r.get(k) or [])) for k in ("apiGroups", "resources", "resourceNames", "verbs")) for r in rs)
def content(d):
    k = d["kind"]
    if k in ("Role", "ClusterRole"):
        return rules(d.get("rules", []))
    if k in ("RoleBinding", "ClusterRoleBinding"):
        return (d["roleRef"], sorted((s["kind"], s["name"], s.get("namespace", "")) for s in d["subjects"]))
    if k == "ValidatingWebhookConfiguration":
        return d["webhooks"]
    if k == "ServiceAccount":
        return "exists"  # the identity the roles are bound to: its name and namespace must match
    return None
rendered = {key(d): d for d in load(sys.argv[2])}
problems, compared = [], 0
for ref in load(sys.argv[1]):
    if content(ref) is None:
        continue
    compared += 1
    got = rendered.get(key(ref))
    if got is None:
        problems.append(f"missing from the render: {key(ref)}")
    elif content(got) != content(ref):
        problems.append(f"{key(ref)} differs:\n  reference: {content(ref)}\n  chart:     {content(got)}")
if compared == 0:
    problems.append(f"no RBAC or webhook object in {sys.argv[1]} (the check would be vacuous)")
# The reverse direction: a binding of the chart that grants the reference's ServiceAccounts a role
# the reference lacks is a permission nobody reviewed (the reference is the one truth).
refs = {key(d) for d in load(sys.argv[1])}
subjects = {(s["kind"], s["name"], s.get("namespace", "")) for d in load(sys.argv[1]) if "subjects" in d for s in d["subjects"]}
for k, d in rendered.items():
    if "subjects" not in d or not subjects & {(s["kind"], s["name"], s.get("namespace", "")) for s in d["subjects"]}:
        continue
    role = (d["roleRef"]["kind"], d["roleRef"]["name"], d["metadata"].get("namespace") if d["roleRef"]["kind"] == "Role" else None)
    for extra in (k, role):
        if extra not in refs:
            problems.append(f"rendered but not in the reference: {extra}")
if problems:
    sys.exit("\n".join(problems))
PY
}
# <reference files joined by +>:<case>; with global.imagePullSecrets the chart renders both operator files.
for ref in operator/rbac/operator-rbac.yaml:operator-only \
           operator/rbac/operator-rbac.yaml+operator/rbac/image-pull-secrets-rbac.yaml:operator-only-pull-secrets \
           gateway/kubernetes/gateway-rbac.yaml:gateway \
           gateway/kubernetes/validating-webhook.yaml:gateway; do
  file="${ref%%:*}"; case="${ref##*:}"
  : >"$WORK/reference.yaml"
  IFS=+ read -r -a parts <<<"$file"
  for part in "${parts[@]}"; do { cat "$REPO/$part"; echo "---"; } >>"$WORK/reference.yaml"; done
  if [[ ! -f "$WORK/$case.yaml" ]]; then fail "$file: render $case missing"
  elif same_as_reference "$WORK/reference.yaml" "$WORK/$case.yaml"; then pass "chart ($case) renders $file unchanged"
  else fail "chart ($case) differs from $file"; fi
done

# -- 5. values schema -----------------------------------------------------------------------------
if python3 -m unittest discover -s "$HELM_DIR/schema" -p 'test_*.py' >"$WORK/schema-unit.txt" 2>&1; then
  pass "schema generator unit tests: $(grep -o 'Ran [0-9]* tests' "$WORK/schema-unit.txt")"
else cat "$WORK/schema-unit.txt" >&2; fail "schema generator unit tests (helm/schema/test_generate.py)"; fi
if "$HELM_DIR/schema/generate.py" --check >"$WORK/schema-check.txt" 2>&1; then pass "values.schema.json is what values.yaml generates"
else cat "$WORK/schema-check.txt" >&2; fail "values.schema.json is stale or values.yaml breaks the conventions: run helm/schema/generate.py"; fi

# The schema must reject what a typo produces, with Helm's error naming the key.
rejects() { # <what> <expected text in the error> <helm args...>
  local what="$1" expected="$2"; shift 2
  if render "$WORK/rejected.yaml" "$@" 2>"$WORK/rejected.txt"; then fail "schema: $what rendered without an error"
  elif grep -q "don't meet the specifications of the schema" "$WORK/rejected.txt" && grep -qF -- "$expected" "$WORK/rejected.txt"; then
    pass "schema: $what fails: $(grep -F -- "$expected" "$WORK/rejected.txt" | sed 's/^[- ]*//')"
  else cat "$WORK/rejected.txt" >&2; fail "schema: $what failed without a schema error containing: $expected"; fi
}
printf 'operator:\n  replicas: "2"\n' >"$WORK/wrong-type.yaml"
rejects "an unknown top-level key" "additional properties 'imageRegistry' not allowed" --set imageRegistry=mirror.internal
rejects "an unknown nested key (operator.replica)" "at '/operator': additional properties 'replica' not allowed" --set operator.replica=3
rejects "a wrong type in a values file (operator.replicas: \"2\")" "at '/operator/replicas': got string, want integer" -f "$WORK/wrong-type.yaml"

# -- 6. golden template tests ----------------------------------------------------------------------
if HELM="$HELM" "$HELM_DIR/tests/golden.sh" 2>"$WORK/golden.txt"; then pass "golden template tests: $(tail -n 1 "$WORK/golden.txt" | sed 's/^\[golden\] //')"
else grep -v '^\[golden\] ok:' "$WORK/golden.txt" >&2; fail "golden template tests (helm/tests/golden.sh; helm/tests/README.md)"; fi

# -- 7. images to mirror -------------------------------------------------------------------------
if HELM="$HELM" "$HELM_DIR/list-images.sh" --check 2>"$WORK/images.txt"; then pass "$(sed 's/^\[list-images\] //' "$WORK/images.txt")"
else cat "$WORK/images.txt" >&2; fail "helm/tessera/images.txt (helm/list-images.sh --check)"; fi

# -- 8. optional features: bad values, mirror, namespace labels, metric names, PDB/NetworkPolicy modes
if HELM="$HELM" "$HELM_DIR/tests/features.sh" 2>"$WORK/features.txt"; then pass "optional features (helm/tests/features.sh): $(grep -c '^\[features\] ok' "$WORK/features.txt") checks"
else grep -v '^\[features\] ok:' "$WORK/features.txt" >&2; fail "optional features (helm/tests/features.sh)"; fi

if ((FAILURES)); then log "$FAILURES check(s) failed"; exit 1; fi
log "all checks passed"
