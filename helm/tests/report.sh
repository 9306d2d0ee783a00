# Sourced by the chart and GitOps test scripts: one way to log, report a check and count failures.
# Set REPORT_TAG (the script's name in its output) before sourcing; exit with "$FAILURES" > 0.
FAILURES=0
log()  { printf "[%s] %s\n" "$REPORT_TAG" "$*" >&2; }
fail() { printf "[%s] FAIL: %s\n" "$REPORT_TAG" "$*" >&2; FAILURES=$((FAILURES + 1)); }
pass() { printf "[%s] ok: %s\n" "$REPORT_TAG" "$*" >&2; }
