#!/usr/bin/env bash
# Runs the worker image's tests: unit tests, then real scheduler/worker/runner processes started
# through the entrypoint on 127.0.0.1 (the env-sync tests install a small package from PyPI).
# Usage: worker-image/test.sh PYTHON [pytest arguments]
#   PYTHON: the test venv's interpreter, as printed by e2e-tests/python/ensure-venv.sh
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PYTHON="${1:?usage: worker-image/test.sh PYTHON [pytest arguments]}"
shift
cd "$HERE"
mkdir -p target
rm -f target/env-sync-timings.txt
start=$SECONDS
status=0
"$PYTHON" -m pytest "$@" || status=$?
if [[ -f target/env-sync-timings.txt ]]; then
  sed 's/^/[worker-image] /' target/env-sync-timings.txt >&2
fi
printf '[worker-image] tests took %ss (exit %s); process logs in worker-image/target/test-logs/\n' \
  "$((SECONDS - start))" "$status" >&2
exit "$status"
