#!/usr/bin/env bash
# Validates everything under gitops/ against a real API server:
#   1. renders every kustomization (kubectl kustomize; components are rendered through their users)
#   2. renders the chart (helm template) with exactly the values each Argo CD Application and Flux
#      HelmRelease carries (checks.py helm-cases); Argo CD and Flux must render the same chart
#   3. static checks (checks.py static): placeholders replaced, one repository URL, every path an
#      Application / Kustomization / HelmRelease names exists, tenants after the platform, AppProjects
#      allow what their Applications deploy (the chart included), group namespaces labelled as the
#      gateway expects, no docker.io reference in the isolated VPC
#   4. server-side dry-run (kubectl apply --dry-run=server --server-side) of every render of 1 and 2
#      against a local cluster with the Tessera CRDs and the Argo CD, Flux and Prometheus Operator CRDs
#   5. a negative control: a tenants render with an invalid ArrayCluster must be refused, so a
#      passing dry-run means validation really ran
set -euo pipefail
GITOPS="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO="$(cd "$GITOPS/.." && pwd)"
LOCALCLUSTER="$REPO/e2e-tests/cluster/localcluster"
DEFAULT_CLUSTER=tessera-gitops
FIELD_MANAGER=tessera-gitops-test

usage() {
  cat <<USAGE
Usage: gitops/test.sh [--cluster NAME]

Renders every kustomization under gitops/ and the chart with the values of every Argo CD
Application and Flux HelmRelease, checks them, and dry-runs them server-side against a local cluster.
  --cluster NAME  use the running local cluster NAME (e2e-tests/cluster/localcluster up --name NAME);
                  the test installs the third-party CRDs into it and creates the namespaces the
                  manifests use (it deletes the namespaces it created, keeps the CRDs)
                  default: start a throw-away cluster "$DEFAULT_CLUSTER" and delete it afterwards
Needs python3 with PyYAML and go (helm is built once by helm/build-helm.sh).
USAGE
}

REPORT_TAG=gitops-test; source "$REPO/helm/tests/report.sh"
die() { printf "[gitops-test] error: %s\n" "$*" >&2; exit 2; }

CLUSTER="" OWN_CLUSTER=false
while (($#)); do
  case "$1" in
    -h|--help) usage; exit 0 ;;
    --cluster) [[ -n "${2:-}" ]] || die "--cluster needs a cluster name (try --help)"; CLUSTER="$2"; shift 2 ;;
    *) usage >&2; die "unknown argument: $1" ;;
  esac
done
command -v python3 >/dev/null && python3 -c 'import yaml' 2>/dev/null || die "python3 with PyYAML is needed"

STARTED=$SECONDS
WORK="$(mktemp -d)"
CREATED_NAMESPACES=()
cleanup() {
  if ((${#CREATED_NAMESPACES[@]})); then
    kubectl delete namespace --wait=false "${CREATED_NAMESPACES[@]}" >/dev/null 2>&1 || true
  fi
  if $OWN_CLUSTER; then "$LOCALCLUSTER" down --name "$CLUSTER" >/dev/null 2>&1 || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# -- cluster --------------------------------------------------------------------------------------
if [[ -z "$CLUSTER" ]]; then
  CLUSTER=$DEFAULT_CLUSTER OWN_CLUSTER=true
  log "starting throw-away cluster $CLUSTER"
  "$LOCALCLUSTER" up --name "$CLUSTER" >"$WORK/up.log" 2>&1 || { cat "$WORK/up.log" >&2; die "could not start cluster $CLUSTER"; }
elif ! "$LOCALCLUSTER" status --name "$CLUSTER" >/dev/null 2>&1; then
  die "cluster $CLUSTER is not running: start it with e2e-tests/cluster/localcluster up --name $CLUSTER"
fi
eval "$("$LOCALCLUSTER" env --name "$CLUSTER")"
kubectl get crd arrayclusters.tessera.io >/dev/null 2>&1 \
  || die "cluster $CLUSTER has no Tessera CRDs: e2e-tests/cluster/localcluster install-crds --name $CLUSTER"
HELM="${HELM:-$("$REPO/helm/build-helm.sh")}"
log "cluster $CLUSTER ($(kubectl version -o json | python3 -c 'import json,sys; print(json.load(sys.stdin)["serverVersion"]["gitVersion"])')), $("$HELM" version --short)"

# Third-party CRDs: Application/AppProject, GitRepository/Kustomization/HelmRelease, ServiceMonitor...
crd_dirs="$("$REPO/e2e-tests/cluster/third-party-crds" --install argocd flux monitoring)" \
  || die "could not install the third-party CRDs (output above)"
crd_count=0
for dir in $crd_dirs; do crd_count=$((crd_count + $(ls "$dir"/*.yaml | wc -l))); done
log "installed $crd_count third-party CRDs (Argo CD, Flux, Prometheus Operator)"

# -- 1. render every kustomization ----------------------------------------------------------------
mkdir -p "$WORK/renders" "$WORK/helm"
KUSTOMIZATIONS=()
while read -r file; do
  dir="$(dirname "$file")"; rel="${dir#"$GITOPS"/}"
  # Components are not buildable on their own; the kustomizations that include them render them.
  grep -q '^kind: Component' "$file" && continue
  KUSTOMIZATIONS+=("$rel")
  out="$WORK/renders/${rel//\//__}.yaml"
  if kubectl kustomize "$dir" >"$out" 2>"$WORK/kustomize.err"; then :
  else cat "$WORK/kustomize.err" >&2; rm -f "$out"; fail "kubectl kustomize gitops/$rel"; fi
done < <(find "$GITOPS" -name kustomization.yaml | sort)
((${#KUSTOMIZATIONS[@]})) || die "no kustomization found under $GITOPS"
pass "rendered ${#KUSTOMIZATIONS[@]} kustomizations"

# -- 2. the chart with each Application's / HelmRelease's values ---------------------------------
cases="$(python3 "$GITOPS/checks.py" helm-cases "$REPO" "$WORK/renders" "$WORK/helm")" \
  || die "could not extract the chart values from the Applications and HelmReleases"
for argsfile in "$WORK"/helm/*.args; do
  case="$(basename "$argsfile" .args)"
  mapfile -t args <"$argsfile"
  if "$HELM" template "${args[@]}" --include-crds >"$WORK/helm/$case.yaml" 2>"$WORK/helm/$case.err"; then
    pass "helm template for $case: $(grep -c '^kind:' "$WORK/helm/$case.yaml") objects (values: $(printf '%s\n' "${args[@]}" | grep -c '\.yaml$') files)"
  else cat "$WORK/helm/$case.err" >&2; rm -f "$WORK/helm/$case.yaml"; fail "helm template for $case"; fi
done
# Per environment: both tools install the same thing (identical renders); in the isolated VPC
# nothing points at a public registry.
for env in $(ls "$GITOPS/environments"); do
  argo="$(ls "$WORK"/helm/argocd__"$env"__*.yaml 2>/dev/null | grep -v inline | head -1)" || true
  flux="$(ls "$WORK"/helm/flux__"$env"__*.yaml 2>/dev/null | grep -v inline | head -1)" || true
  if [[ -z "$argo" || -z "$flux" ]]; then fail "environment $env: a chart render of Argo CD or of Flux is missing"; continue; fi
  if diff -q "$argo" "$flux" >/dev/null; then pass "environment $env: Argo CD and Flux render the same chart"
  else diff -u "$argo" "$flux" | head -40 >&2; fail "environment $env: Argo CD and Flux render different charts"; fi
  if [[ "$env" == isolated-vpc ]]; then
    if grep -n 'docker\.io' "$argo" >&2; then fail "environment $env: the chart references docker.io"
    else pass "environment $env: no docker.io reference in the chart ($(grep -c 'image:' "$argo") image fields)"; fi
  fi
done

# -- 3. static checks -----------------------------------------------------------------------------
if python3 "$GITOPS/checks.py" static "$REPO" "$WORK/renders" "$WORK/helm" >"$WORK/static.txt" 2>"$WORK/static.err"; then
  pass "static checks: $(cat "$WORK/static.err")"
else cat "$WORK/static.txt" "$WORK/static.err" >&2; fail "static checks ($(wc -l <"$WORK/static.txt") problems)"; fi

# -- 4. server-side dry-run -----------------------------------------------------------------------
ALL_RENDERS=("$WORK"/renders/*.yaml)
for f in "$WORK"/helm/*.yaml; do [[ "$f" == *.inline*.yaml ]] || ALL_RENDERS+=("$f"); done
# A namespaced object can only be dry-run into a namespace that exists; create those missing.
while read -r ns; do
  [[ -z "$ns" ]] && continue
  if ! kubectl get namespace "$ns" >/dev/null 2>&1; then
    kubectl create namespace "$ns" >/dev/null; CREATED_NAMESPACES+=("$ns")
  fi
done < <(python3 "$GITOPS/checks.py" namespaces "${ALL_RENDERS[@]}")
log "namespaces created for the dry-run: ${CREATED_NAMESPACES[*]:-none}"

dry_run() { # <file>: server-side apply, dry run (conflicts forced: ownership is not what is tested)
  kubectl apply --dry-run=server --server-side --force-conflicts --field-manager="$FIELD_MANAGER" -f "$1"
}
objects=0 files=0
for f in "${ALL_RENDERS[@]}"; do
  label="$(basename "$f" .yaml)"; label="${label//__//}"
  [[ "$f" == "$WORK/helm/"* ]] && label="helm template $label"
  if [[ ! -s "$f" ]]; then fail "$label: empty render"; continue; fi
  if dry_run "$f" >"$WORK/dry.out" 2>"$WORK/dry.err"; then
    n="$(grep -c . "$WORK/dry.out")"; objects=$((objects + n)); files=$((files + 1))
    pass "dry-run $label: $n objects"
  else cat "$WORK/dry.err" >&2; fail "dry-run $label"; fi
done

# -- 5. negative control --------------------------------------------------------------------------
tenants_render="$WORK/renders/environments__on-prem__tenants.yaml"
if [[ -f "$tenants_render" ]]; then
  broken="$(python3 "$GITOPS/checks.py" break-tenant "$tenants_render" "$WORK/broken.yaml")"
  if dry_run "$WORK/broken.yaml" >/dev/null 2>"$WORK/broken.err"; then
    fail "negative control: $broken with minReplicas > maxReplicas was accepted (is validation running?)"
  elif grep -q 'minReplicas' "$WORK/broken.err"; then
    pass "negative control: $broken with minReplicas > maxReplicas refused: $(grep -o 'spec.worker.*' "$WORK/broken.err" | head -1)"
  else cat "$WORK/broken.err" >&2; fail "negative control: $broken refused, but not for minReplicas"; fi
else fail "negative control: no on-prem tenants render"; fi

log "checked ${#KUSTOMIZATIONS[@]} kustomizations and $cases chart installs; dry-run $files files, $objects objects; $((SECONDS - STARTED)) s"
if ((FAILURES)); then log "$FAILURES check(s) failed"; exit 1; fi
log "all checks passed"
