#!/usr/bin/env bash
# Static checks of the Tessera chart, no cluster needed:
#   1. helm lint --strict (default values and the mirror registry)
#   2. helm template with default values and with global.imageRegistry=mirror.internal; with the
#      mirror, every image reference (image: fields and the operator's default worker image) must
#      start with mirror.internal/ - an air-gapped install must never reach another registry
#   3. crds/ of the chart is byte-identical to the generated CRDs of the crds module
#   4. the operator ClusterRole's rules equal operator/rbac/operator-rbac.yaml (one truth for RBAC)
# Uses the helm that build-helm.sh builds (or $HELM) and python3 with PyYAML.
set -euo pipefail
HELM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$HELM_DIR/.." && pwd)"
CHART="$HELM_DIR/tessera"
MIRROR=mirror.internal

log() { printf "[helm-test] %s\n" "$*" >&2; }
FAILURES=0
fail() { printf "[helm-test] FAIL: %s\n" "$*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { printf "[helm-test] ok: %s\n" "$*" >&2; }

HELM="${HELM:-$("$HELM_DIR/build-helm.sh")}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
log "using $("$HELM" version --short)"

# -- 1. lint --------------------------------------------------------------------------------------
if "$HELM" lint --strict "$CHART" >"$WORK/lint.txt" 2>&1; then pass "helm lint --strict (default values)"
else cat "$WORK/lint.txt" >&2; fail "helm lint --strict (default values)"; fi
if "$HELM" lint --strict "$CHART" --set global.imageRegistry=$MIRROR >"$WORK/lint-mirror.txt" 2>&1; then
  pass "helm lint --strict (global.imageRegistry=$MIRROR)"
else cat "$WORK/lint-mirror.txt" >&2; fail "helm lint --strict (global.imageRegistry=$MIRROR)"; fi

# -- 2. render ------------------------------------------------------------------------------------
render() { # <output> [helm args...]
  local out="$1"; shift
  "$HELM" template tessera "$CHART" --namespace tessera-system --include-crds "$@" >"$out"
}
render "$WORK/default.yaml" && pass "helm template (default values)" || fail "helm template (default values)"
render "$WORK/mirror.yaml" --set global.imageRegistry=$MIRROR \
  && pass "helm template (global.imageRegistry=$MIRROR)" || fail "helm template (global.imageRegistry=$MIRROR)"

# Every image reference in a rendered file: `image:` fields plus the value of the operator's
# default-image setting (an image the operator later puts into the pods it creates).
image_refs() {
  python3 - "$1" <<'PY'
import sys, yaml
def walk(node):
    if isinstance(node, dict):
        for k, v in node.items():
            if k == "image" and isinstance(v, str):
                yield v
            elif k == "env" and isinstance(v, list):
                for e in v:
                    if isinstance(e, dict) and e.get("name", "").endswith("_IMAGE") and "value" in e:
                        yield e["value"]
            yield from walk(v)
    elif isinstance(node, list):
        for v in node:
            yield from walk(v)
with open(sys.argv[1]) as f:
    for doc in yaml.safe_load_all(f):
        for ref in walk(doc):
            print(ref)
PY
}
image_refs "$WORK/default.yaml" >"$WORK/default-images.txt"
image_refs "$WORK/mirror.yaml" >"$WORK/mirror-images.txt"
if [[ ! -s "$WORK/mirror-images.txt" ]]; then fail "no image reference found in the render (the check would be vacuous)"
elif outside="$(grep -v "^$MIRROR/" "$WORK/mirror-images.txt")"; then
  fail "image references outside $MIRROR with global.imageRegistry=$MIRROR:"$'\n'"$outside"
else pass "all $(wc -l <"$WORK/mirror-images.txt") image references start with $MIRROR/: $(sort -u "$WORK/mirror-images.txt" | tr '\n' ' ')"; fi
# The same images, only the registry differs: the mirror changes where, never what.
if diff <(sed 's|^[^/]*/||' "$WORK/default-images.txt") <(sed 's|^[^/]*/||' "$WORK/mirror-images.txt") >/dev/null; then
  pass "default and mirror renders reference the same repositories and tags"
else fail "default and mirror renders reference different images: $(paste -sd' ' "$WORK/default-images.txt") vs $(paste -sd' ' "$WORK/mirror-images.txt")"; fi

# -- 3. CRDs --------------------------------------------------------------------------------------
if diff -r "$REPO/crds/generated" "$CHART/crds" >"$WORK/crds.diff"; then pass "chart crds/ equals crds/generated/"
else cat "$WORK/crds.diff" >&2; fail "chart crds/ differs from crds/generated/ (copy crds/generated/*.yml into helm/tessera/crds/)"; fi

# -- 4. RBAC --------------------------------------------------------------------------------------
if python3 - "$REPO/operator/rbac/operator-rbac.yaml" "$WORK/default.yaml" <<'PY'
import sys, yaml
def rules(path, kind):
    with open(path) as f:
        docs = [d for d in yaml.safe_load_all(f) if d and d.get("kind") == kind]
    if len(docs) != 1:
        sys.exit(f"expected one {kind} in {path}, found {len(docs)}")
    # Order of rules and of list items carries no meaning in RBAC: compare as sets.
    return sorted(tuple(tuple(sorted(r.get(k, []))) for k in ("apiGroups", "resources", "verbs")) for r in docs[0]["rules"])
for kind in ("ClusterRole", "Role"):
    want, got = rules(sys.argv[1], kind), rules(sys.argv[2], kind)
    if want != got:
        sys.exit(f"{kind} rules differ:\n  rbac file: {want}\n  chart:     {got}")
PY
then pass "operator ClusterRole and leader-election Role equal operator/rbac/operator-rbac.yaml"
else fail "operator RBAC of the chart differs from operator/rbac/operator-rbac.yaml"; fi

if ((FAILURES)); then log "$FAILURES check(s) failed"; exit 1; fi
log "all checks passed"
