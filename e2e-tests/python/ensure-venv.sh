#!/usr/bin/env bash
# Creates (once per requirements content) a virtualenv with real Dask for the tests and prints
# the path of its python. Cached outside the repository like the cluster binaries.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/../cluster/lib.sh"
REQUIREMENTS="$(dirname "${BASH_SOURCE[0]}")/requirements.txt"
VENV="$TESSERA_CACHE/venv-$(sha256sum "$REQUIREMENTS" | cut -c1-12)"

# The stamp is written last, so an interrupted install is redone rather than trusted.
if [[ ! -f "$VENV/.complete" ]]; then
  log "creating the Dask test environment in $VENV"
  rm -rf "$VENV"
  python3 -m venv "$VENV" || die "python3 -m venv failed (Python 3.10+ with venv is required)"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check -r "$REQUIREMENTS" \
    || die "pip could not install $REQUIREMENTS"
  touch "$VENV/.complete"
fi
echo "$VENV/bin/python"
