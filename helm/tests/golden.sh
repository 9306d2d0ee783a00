#!/usr/bin/env bash
# Golden template tests of the Tessera chart (helm/tests/README.md).
#   helm/tests/golden.sh            render every case, fail with a unified diff naming the case
#                                   when a render differs from its golden file
#   helm/tests/golden.sh --update   rewrite the golden files (review `git diff helm/tests/golden`)
#   helm/tests/golden.sh --render <case>   print the render of one case (used by list-images.sh)
# A case is a values file helm/tests/cases/<case>.yaml; its render is
#   helm template tessera helm/tessera -n tessera-system [-f cases/<base>.yaml...] -f cases/<case>.yaml
# stored as helm/tests/golden/<case>.yaml. A line `# base: <case or path.yaml>...` in a case file
# applies those values files first (e.g. the gateway's required connection values).
# Every case is also linted (helm lint --strict). Also fails when a file under templates/ renders
# no object in any case (a template without a case), or a golden file has no case.
# Uses the helm of build-helm.sh (or $HELM) and python3 + PyYAML.
set -euo pipefail
TESTS_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
HELM_DIR="$(cd "$TESTS_DIR/.." && pwd)"
CHART="$HELM_DIR/tessera"
CASES="$TESTS_DIR/cases"
GOLDEN="$TESTS_DIR/golden"

usage() { sed -n '2,14s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; }
UPDATE=0 RENDER=""
while (($#)); do
  case "$1" in
    --update) UPDATE=1 ;;
    --render) [[ $# -ge 2 ]] || { printf "[golden] error: --render needs a case name\n" >&2; exit 2; }
              RENDER="$2"; shift ;;
    -h|--help) usage; exit 0 ;;
    *) printf "[golden] error: unknown argument %s (see --help)\n" "$1" >&2; exit 2 ;;
  esac
  shift
done

REPORT_TAG=golden; source "$HELM_DIR/tests/report.sh"

HELM="${HELM:-$("$HELM_DIR/build-helm.sh")}"
WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
mkdir -p "$GOLDEN"

shopt -s nullglob
case_files=("$CASES"/*.yaml)
((${#case_files[@]})) || { fail "no case in helm/tests/cases/"; exit 1; }

# Path of a file relative to the repository, for messages.
rel() { realpath -m --relative-to="$HELM_DIR/.." "$1"; }

# The -f arguments of a values file: its bases' first (recursively), then its own. A base is a case
# name (cases/<name>.yaml) or a path ending in .yaml relative to helm/tests/cases/ (e.g. a values
# file of the chart's ci/ directory).
values_files() { # <file> <depth>
  local file="$1" depth="$2" base path
  ((depth < 5)) || { fail "the bases of $(rel "$file") nest deeper than 5 levels (a cycle?)"; return 1; }
  for base in $(sed -n 's/^# base:\(.*\)$/\1/p' "$file"); do
    if [[ "$base" == *.yaml ]]; then path="$CASES/$base"; else path="$CASES/$base.yaml"; fi
    [[ -f "$path" ]] || { fail "$(rel "$file"): its base '$base' does not exist (no $(rel "$path"))"; return 1; }
    values_files "$path" $((depth + 1)) || return 1
  done
  args+=(-f "$file")
}
values_args() { args=(); values_files "$CASES/$1.yaml" 0; } # <case name>

render_case() { # <case name>: the render on stdout
  values_args "$1" && "$HELM" template tessera "$CHART" --namespace tessera-system "${args[@]}"
}

if [[ -n "$RENDER" ]]; then
  [[ -f "$CASES/$RENDER.yaml" ]] || { fail "no case helm/tests/cases/$RENDER.yaml"; exit 1; }
  render_case "$RENDER"; exit
fi

for file in "${case_files[@]}"; do
  name="$(basename "$file" .yaml)"
  if ! render_case "$name" >"$WORK/$name.yaml" 2>"$WORK/$name.err"; then
    cat "$WORK/$name.err" >&2; rm -f "$WORK/$name.yaml"; fail "case $name: render failed (above)"; continue
  fi
  # values_args set args for this case (render_case ran in this shell).
  if ! "$HELM" lint --strict "$CHART" --namespace tessera-system "${args[@]}" >"$WORK/$name.lint" 2>&1; then
    cat "$WORK/$name.lint" >&2; fail "case $name: helm lint --strict failed (above)"
  fi
  golden="$GOLDEN/$name.yaml"
  if ((UPDATE)); then
    if [[ -f "$golden" ]] && cmp -s "$golden" "$WORK/$name.yaml"; then pass "case $name: unchanged"
    else cp "$WORK/$name.yaml" "$golden"; pass "case $name: golden file written"; fi
  elif [[ ! -f "$golden" ]]; then
    fail "case $name: no golden file helm/tests/golden/$name.yaml (run helm/tests/golden.sh --update and review it)"
  elif diff -u --label "helm/tests/golden/$name.yaml" --label "case $name, rendered now" "$golden" "$WORK/$name.yaml" >&2; then
    pass "case $name: render equals its golden file"
  else
    fail "case $name: render differs from helm/tests/golden/$name.yaml (diff above; if intended, run helm/tests/golden.sh --update)"
  fi
done

# A golden file whose case is gone would never be checked again.
for golden in "$GOLDEN"/*.yaml; do
  name="$(basename "$golden" .yaml)"
  [[ -f "$CASES/$name.yaml" ]] && continue
  if ((UPDATE)); then rm "$golden"; pass "golden file of removed case $name deleted"
  else fail "helm/tests/golden/$name.yaml has no case helm/tests/cases/$name.yaml (delete it or run --update)"; fi
done

# Every template renders at least one object in at least one case: a new template needs a case.
renders=("$WORK"/*.yaml)
if ((${#renders[@]})); then
  if python3 - "$CHART" "${renders[@]}" <<'PY'; then pass "every template renders an object in at least one case"
import os, sys, yaml
chart, renders = sys.argv[1], sys.argv[2:]
name = os.path.basename(chart)
templates = set()
for d, _, files in os.walk(os.path.join(chart, "templates")):
    for f in files:
        # _*.tpl/_* hold helpers and NOTES.txt is printed by install, neither renders objects.
        if not f.startswith("_") and f != "NOTES.txt":
            templates.add(os.path.relpath(os.path.join(d, f), os.path.dirname(chart)))
rendered = set()
for path in renders:
    with open(path) as f:
        text = f.read()
    for doc in text.split("\n---\n"):
        lines = doc.lstrip("-\n").splitlines()
        if lines and lines[0].startswith("# Source: ") and yaml.safe_load(doc.lstrip("-\n")) is not None:
            rendered.add(lines[0][len("# Source: "):].strip())
missing = sorted(t for t in templates if t not in rendered)
if missing:
    sys.exit("templates that render no object in any case (add a values file under helm/tests/cases/ "
             "that turns them on, then run helm/tests/golden.sh --update):\n  " + "\n  ".join(missing))
PY
  else fail "template coverage (above)"; fi
fi

if ((FAILURES)); then printf "[golden] %d check(s) failed\n" "$FAILURES" >&2; exit 1; fi
printf "[golden] all %d cases passed\n" "${#case_files[@]}" >&2
