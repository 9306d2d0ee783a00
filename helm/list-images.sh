#!/usr/bin/env bash
# The images an install of the Tessera chart can pull, to mirror into an air-gapped registry.
#   helm/list-images.sh           print them: sorted, unique, one reference per line
#   helm/list-images.sh --write   write them to helm/tessera/images.txt (committed)
#   helm/list-images.sh --check   fail when helm/tessera/images.txt is not what the chart renders,
#                                 or when an image repository of any golden case
#                                 (helm/tests/golden/*.yaml) is missing from it: a feature that
#                                 adds an image must be turned on in the all-images case too
# Renders the golden case helm/tests/cases/all-images.yaml (every optional feature that adds an
# image turned on) and collects `image:` fields and *_IMAGE environment values with
# helm/lib/image_refs.py. The chart README ("Images to mirror") shows how to copy them.
set -euo pipefail
HELM_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LIST="$HELM_DIR/tessera/images.txt"
CASE=all-images

die() { printf "[list-images] error: %s\n" "$*" >&2; exit 1; }
MODE=print
case "${1:-}" in
  "") ;;
  --write) MODE=write ;;
  --check) MODE=check ;;
  -h|--help) sed -n '2,11s/^# \{0,1\}//p' "${BASH_SOURCE[0]}"; exit 0 ;;
  *) die "unknown argument $1 (see --help)" ;;
esac
(($# <= 1)) || die "one argument at most (see --help)"

WORK="$(mktemp -d)"; trap 'rm -rf "$WORK"' EXIT
"$HELM_DIR/tests/golden.sh" --render "$CASE" >"$WORK/render.yaml" \
  || die "rendering helm/tests/cases/$CASE.yaml failed (above)"
"$HELM_DIR/lib/image_refs.py" "$WORK/render.yaml" | LC_ALL=C sort -u >"$WORK/images.txt"
[[ -s "$WORK/images.txt" ]] || die "the $CASE render references no image: the list would be empty"

# Every image of the golden cases has its repository in the list. Repositories are compared
# because cases may change the registry (mirror), tag or digest, never what runs.
check_cases_covered() {
  "$HELM_DIR/lib/image_refs.py" "$HELM_DIR"/tests/golden/*.yaml | LC_ALL=C sort -u >"$WORK/case-images.txt"
  python3 - "$LIST" "$WORK/case-images.txt" <<'PY'
import sys
def name(ref):  # the reference without tag or digest
    ref = ref.split("@", 1)[0]
    return ref[:ref.rfind(":")] if ref.rfind(":") > ref.rfind("/") else ref
with open(sys.argv[1]) as f:
    # A listed reference always starts with its registry (the chart's defaults name one).
    repositories = {name(line.strip()).split("/", 1)[1] for line in f if line.strip()}
with open(sys.argv[2]) as f:
    refs = [line.strip() for line in f if line.strip()]
missing = [ref for ref in refs if not any(name(ref) == r or name(ref).endswith("/" + r) for r in repositories)]
if missing:
    sys.exit("images of golden cases whose repository is not in helm/tessera/images.txt:\n  " + "\n  ".join(missing))
PY
}

case "$MODE" in
  print) cat "$WORK/images.txt" ;;
  write) cp "$WORK/images.txt" "$LIST"; printf "[list-images] wrote %d images to helm/tessera/images.txt\n" "$(wc -l <"$LIST")" >&2 ;;
  check)
    [[ -f "$LIST" ]] || die "helm/tessera/images.txt is missing: run helm/list-images.sh --write"
    diff -u --label "helm/tessera/images.txt (committed)" --label "images the chart renders now" "$LIST" "$WORK/images.txt" >&2 \
      || die "helm/tessera/images.txt is out of date (diff above): run helm/list-images.sh --write"
    check_cases_covered || die "images of golden cases are missing from the list (above): turn their feature on in" \
      "helm/tests/cases/$CASE.yaml, then run helm/tests/golden.sh --update and helm/list-images.sh --write"
    printf "[list-images] helm/tessera/images.txt is up to date (%d images) and holds every image of the golden cases\n" "$(wc -l <"$LIST")" >&2 ;;
esac
