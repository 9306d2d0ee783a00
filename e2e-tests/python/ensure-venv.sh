#!/usr/bin/env bash
# Creates (once per content of the worker image's lock files) a virtualenv with exactly the
# image's packages plus the test tools, and prints the path of its python. The operator's tests
# and the worker-image tests therefore run the image's dask. Cached outside the repository like
# the cluster binaries; progress goes to stderr, only the python path to stdout.
set -euo pipefail
LOG_PREFIX=dask-venv
source "$(dirname "${BASH_SOURCE[0]}")/../cluster/lib.sh"
IMAGE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../worker-image" && pwd)"
LOCK_FILES=("$IMAGE_DIR/requirements.lock" "$IMAGE_DIR/requirements-test.txt")
VENV="$TESSERA_CACHE/venv-$(cat "${LOCK_FILES[@]}" | sha256sum | cut -c1-12)"

# The stamp is written last, so an interrupted install is redone rather than trusted.
if [[ ! -f "$VENV/.complete" ]]; then
  log "creating the Dask test environment in $VENV (the worker image's requirements.lock)"
  rm -rf "$VENV"
  python3 -c 'import sys; sys.exit(sys.version_info[:2] != (3, 11))' \
    || log "warning: python3 is not 3.11, the worker image's Python; the lock may not install"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Python 3.11 with venv is required)"
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --only-binary=:all: \
    -r "${LOCK_FILES[0]}" -r "${LOCK_FILES[1]}" >&2 || die "pip could not install ${LOCK_FILES[*]}"
  touch "$VENV/.complete"
fi
echo "$VENV/bin/python"
