#!/usr/bin/env bash
# Tests of the image builds (e2e-tests/cluster/images): everything built, a second build is a cache
# hit, the input hash follows what the images copy (checked in a temporary copy of the inputs, the
# checkout stays clean), every image runs as a numeric non-root user, the archives run (worker:
# entrypoint, the Dask/Xarray/Zarr imports and uv; operator and gateway: the JRE, and the application
# starting until it needs a cluster or its settings),
# and `push` lands every image in a local registry (go-containerregistry's, built from the Go module
# proxy, in memory, on loopback). Prints measured times.
set -uo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
ROOT="$(cd "$CLUSTER_DIR/../.." && pwd)"
IMAGES="$CLUSTER_DIR/images"
# The registry used by the push test, pinned (go-containerregistry is also in the kwok module graph).
GGCR_VERSION=v0.20.7
REGISTRY_BIN="$TESSERA_CACHE/bin/ggcr-registry-$GGCR_VERSION/registry"
WARM_LIMIT=10   # seconds a build with nothing changed may take (it hashes inputs, builds nothing)
passed=0 failed=0
WORK="$(mktemp -d)"
RUN_STORAGE="$TESSERA_CACHE/images/test-storage.$$"
registry_pid=""

check() { # <description> <command...>: passes when the command succeeds
  local description="$1"; shift
  if "$@"; then passed=$((passed + 1)); echo "ok   - $description"
  else failed=$((failed + 1)); echo "FAIL - $description"; fi
}
contains() { grep -q -- "$2" <<<"$1"; }
say() { printf '[test-images] %s\n' "$*" >&2; }

# A buildah of its own storage: the archives are run the way a node imports them, from the file alone.
tbuildah() {
  buildah --root "$RUN_STORAGE/root" --runroot "$RUN_STORAGE/run" \
    --storage-driver "$(cat "$TESSERA_CACHE/images/storage-driver")" "$@"
}
cleanup() {
  [[ -z "$registry_pid" ]] || kill "$registry_pid" 2>/dev/null
  if [[ -d "$RUN_STORAGE" ]]; then
    tbuildah rm --all >/dev/null 2>&1; tbuildah rmi --all --force >/dev/null 2>&1
    rm -rf "$RUN_STORAGE"
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---- build, then the cache ----
start=$SECONDS
archives="$("$IMAGES" build 2>"$WORK/build1.log")"; rc=$?
first=$((SECONDS - start))
say "first build in ${first}s (log: $WORK/build1.log)"; grep -E 'built in|done in|up to date' "$WORK/build1.log" >&2
check "build succeeds" test "$rc" -eq 0
[[ $rc -eq 0 ]] || { tail -n 30 "$WORK/build1.log"; echo "test-images: $passed passed, $failed failed"; exit 1; }

check "archives lists the three images" test "$(wc -l <<<"$archives")" -eq 3
bad_lines="$(while IFS=$'\t' read -r ref path hash rest; do
  grep -qxF -- "$ref" "$ROOT/helm/tessera/images.txt" && [[ "$path" == /* && -s "$path" && "$hash" =~ ^[0-9a-f]{64}$ \
    && "$path" == *"$hash"* && -z "$rest" ]] || echo "$ref $path $hash $rest"
done <<<"$archives")"
check "each line is <ref from images.txt> TAB <absolute existing archive> TAB <hash>" test -z "$bad_lines"
check "build prints exactly what archives prints" test "$archives" = "$("$IMAGES" archives)"

mtimes="$(cut -f2 <<<"$archives" | xargs stat -c '%n %Y')"
start=$SECONDS
second="$("$IMAGES" build 2>"$WORK/build2.log")"; rc=$?
warm=$((SECONDS - start))
say "second build in ${warm}s"
check "a second build succeeds" test "$rc" -eq 0
check "a second build is a cache hit for every image" test "$(grep -c 'up to date' "$WORK/build2.log")" -eq 3
check "a second build builds nothing (no buildah, no Maven)" bash -c "! grep -q -E 'building|buildah|Maven' '$WORK/build2.log'"
check "a second build takes seconds (${warm}s <= ${WARM_LIMIT}s)" test "$warm" -le "$WARM_LIMIT"
check "a second build leaves the archives untouched" test "$mtimes" = "$(cut -f2 <<<"$second" | xargs stat -c '%n %Y')"

# ---- the input hash, in a copy of the inputs ----
copy="$WORK/checkout"
mkdir -p "$copy/e2e-tests/cluster" "$copy/helm/tessera"
cp -a "$CLUSTER_DIR/images" "$CLUSTER_DIR/lib.sh" "$CLUSTER_DIR/base-images" "$copy/e2e-tests/cluster/"
# lib.sh reads the pinned versions (and the CoreDNS wrapper's source hash) from the wrapper modules.
(cd "$ROOT" && git ls-files -z -- 'e2e-tests/cluster/go/*/go.mod' 'e2e-tests/cluster/go/*/main.go' \
  | xargs -0 cp --parents -t "$copy")
cp "$ROOT/helm/tessera/images.txt" "$copy/helm/tessera/"
(cd "$ROOT" && git ls-files -z -co --exclude-standard -- pom.xml crds operator gateway worker-image | xargs -0 cp --parents -t "$copy")
git -C "$copy" init -q
hash_of() { "$copy/e2e-tests/cluster/images" hash "$1" 2>>"$WORK/hash.log"; }
worker_ref="$(grep /tessera/worker: "$ROOT/helm/tessera/images.txt")"
repo_worker_hash="$(grep -F -- "$worker_ref" <<<"$archives" | cut -f3)"
operator_ref="$(grep /tessera/operator: "$ROOT/helm/tessera/images.txt")"
repo_operator_hash="$(grep -F -- "$operator_ref" <<<"$archives" | cut -f3)"
check "the hash does not depend on where the checkout is" test "$(hash_of worker)" = "worker	$repo_worker_hash"
check "the operator's hash is found from its sources in another checkout" test "$(hash_of operator)" = "operator	$repo_operator_hash"
echo "# changed" >>"$copy/worker-image/tests/conftest.py"
check "a file the worker image does not copy leaves its hash unchanged" test "$(hash_of worker)" = "worker	$repo_worker_hash"
echo "# changed" >>"$copy/worker-image/tessera_worker/main.py"
changed="$(hash_of worker)"
check "a changed entrypoint file changes the worker's hash" bash -c "[[ '$changed' =~ ^worker$'\t'[0-9a-f]{64}$ && '$changed' != 'worker	$repo_worker_hash' ]]"
sed -i 's/^EXPOSE 8786 8787$/EXPOSE 8786/' "$copy/worker-image/Dockerfile"
check "a changed Dockerfile changes the worker's hash again" bash -c "[[ '$(hash_of worker)' != '$changed' ]]"
sed -i 's/^EXPOSE 8080$/EXPOSE 8080 8081/' "$copy/operator/src/main/docker/Dockerfile.jvm"
changed="$(hash_of operator)"
check "a changed Dockerfile.jvm changes the operator's hash without repackaging" \
  bash -c "[[ '$changed' =~ ^operator$'\t'[0-9a-f]{64}$ && '$changed' != 'operator	$repo_operator_hash' ]]"
repo_operator_hash="${changed#*$'\t'}"
echo "// changed" >>"$(find "$copy/operator/src/test" -name '*.java' | head -n1)"
check "a changed operator test leaves the operator image current" test "$(hash_of operator)" = "operator	$repo_operator_hash"
echo "// changed" >>"$(find "$copy/operator/src/main" -name '*.java' | head -n1)"
check "a changed operator source makes the operator image stale (Maven must package it)" test "$(hash_of operator)" = "operator	-"
echo "// changed" >>"$(find "$copy/crds/src/main" -name '*.java' | head -n1)"
check "a changed CRD model makes the gateway image stale too" test "$(hash_of gateway)" = "gateway	-"

# ---- what the archives hold and run ----
config_user() { # <archive>: the User of the image config inside an OCI archive
  python3 - "$1" <<'PY'
import json, sys, tarfile
with tarfile.open(sys.argv[1]) as tar:
    blob = lambda digest: json.load(tar.extractfile("blobs/" + digest.replace(":", "/")))
    index = json.load(tar.extractfile("index.json"))
    manifest = blob(index["manifests"][0]["digest"])
    print(blob(manifest["config"]["digest"])["config"].get("User", ""))
PY
}
mkdir -p "$RUN_STORAGE"
while IFS=$'\t' read -r ref path hash; do
  name="${ref#*/tessera/}"; name="${name%%:*}"
  user="$(config_user "$path")"
  check "$name: the image's user is numeric and not root ($user)" bash -c "[[ '$user' =~ ^[0-9]+(:[0-9]+)?$ && '${user%%:*}' != 0 ]]"
  start=$SECONDS
  ctr="$(tbuildah from --quiet "oci-archive:$path" 2>"$WORK/from-$name.log" </dev/null)" \
    || { check "$name: the archive loads into a fresh storage" false; cat "$WORK/from-$name.log"; continue; }
  say "$name: loaded from its archive in $((SECONDS - start))s"
  # stdin from /dev/null: buildah run would otherwise read the list this loop reads.
  run() { tbuildah run --isolation chroot "$ctr" -- "$@" </dev/null; }
  check "$name: runs as the image's user" test "$(run id -u 2>&1)" = "${user%%:*}"
  case "$name" in
    worker)
      out="$(run tessera-entrypoint --help 2>&1)"
      check "worker: tessera-entrypoint --help" contains "$out" "scheduler"
      check "worker: dask, distributed, xarray and zarr import" run python -c 'import dask, distributed, xarray, zarr'
      out="$(run uv --version 2>&1)"
      check "worker: uv is there for environment builds ($out)" contains "$out" "^uv [0-9]"
      out="$(run tini --version 2>&1)"
      check "worker: tini is there for PID 1" contains "$out" "tini version" ;;
    *)
      out="$(run java -version 2>&1)"
      check "$name: java -version reports Java 17 ($(head -n1 <<<"$out"))" contains "$out" 'version "17'
      check "$name: the Quarkus application is in /deployments" run test -s /deployments/quarkus-run.jar
      # Started as the image's entrypoint does, on a random port: it gets as far as it can without a
      # cluster (operator: its reconcilers registered) or its settings (gateway: the OIDC server).
      out="$(timeout -k 5 90 buildah --root "$RUN_STORAGE/root" --runroot "$RUN_STORAGE/run" \
        --storage-driver "$(cat "$TESSERA_CACHE/images/storage-driver")" run --isolation chroot "$ctr" -- java -Dquarkus.http.port=0 -Dquarkus.http.ssl-port=0 \
        -Djava.util.logging.manager=org.jboss.logmanager.LogManager -jar /deployments/quarkus-run.jar </dev/null 2>&1)"
      expected="$( [[ $name == operator ]] && echo "Registered reconciler: 'arrayclusterreconciler'" || echo "quarkus.oidc.web.auth-server-url' property must be configured")"
      check "$name: the application starts until it needs a cluster or settings" contains "$out" "$expected" ;;
  esac
  tbuildah rm "$ctr" >/dev/null </dev/null
done <<<"$archives"

# ---- push to a local registry ----
if [[ ! -x "$REGISTRY_BIN" ]]; then
  say "building go-containerregistry's registry $GGCR_VERSION from the Go module proxy"
  GOBIN="$(dirname "$REGISTRY_BIN")" go install "github.com/google/go-containerregistry/cmd/registry@$GGCR_VERSION" \
    || say "could not build the registry"
fi
"$REGISTRY_BIN" -port 0 >"$WORK/registry.log" 2>&1 &
registry_pid=$!
port=""
for _ in $(seq 50); do
  port="$(grep -o 'serving on port [0-9]*' "$WORK/registry.log" | grep -o '[0-9]*$')" && break
  sleep 0.2
done
check "a local registry runs on loopback" test -n "$port"
registry="localhost:$port"
start=$SECONDS
pushed="$("$IMAGES" push "$registry" --tls-verify=false 2>"$WORK/push.log")"; rc=$?
say "push in $((SECONDS - start))s"; grep pushed "$WORK/push.log" >&2
check "push succeeds" test "$rc" -eq 0
check "push sends three images" test "$(wc -l <<<"$pushed")" -eq 3
while IFS= read -r ref; do
  [[ "$ref" == */tessera/* ]] || continue
  repository="${ref#*/}"; tag="${repository##*:}"; repository="${repository%:*}"
  expected="$(grep -F -- "$registry/$repository:$tag" <<<"$pushed" | cut -f2)"
  served="$(curl -fsS -o /dev/null -D - -H 'Accept: application/vnd.oci.image.manifest.v1+json' \
    -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$registry/v2/$repository/manifests/$tag" | tr -d '\r' | awk -F': ' 'tolower($1) == "docker-content-digest" { print $2 }')"
  check "the registry serves $repository:$tag with the pushed digest (${expected:-none})" \
    bash -c "[[ -n '$expected' && '$served' == '$expected' ]]"
done <"$ROOT/helm/tessera/images.txt"

echo "test-images: $passed passed, $failed failed (first build ${first}s, second ${warm}s)"
[[ $failed -eq 0 ]]
