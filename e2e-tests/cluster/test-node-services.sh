# Tests of what the real node offers pods besides running them: the default StorageClass with its
# pool of local volumes, and the package index (pypi-mirror). Sourced by test-realnode.sh, which
# provides check, contains, rn_kubectl, RN_NAME and a running cluster with the real node; called
# with the busybox image's ref and the worker image's ref (empty when the worker is not built).
NS_NS=node-services-test
MIRROR="$CLUSTER_DIR/pypi-mirror"

# A pod as Pod Security `restricted` wants it, as uid 1000 with fsGroup 1000.
restricted_pod() { # <name> <image> <claim or ""> <command> [<claim mounted read-only at /shared>]
  local volume="" mount=""
  if [[ -n "$3" ]]; then
    volume="volumes: [{name: data, persistentVolumeClaim: {claimName: $3}}${5:+, {name: shared, persistentVolumeClaim: {claimName: $5\}\}}]"
    mount="volumeMounts: [{name: data, mountPath: /data}${5:+, {name: shared, mountPath: /shared, readOnly: true\}}]"
  fi
  cat <<YAML
apiVersion: v1
kind: Pod
metadata: {name: $1}
spec:
  terminationGracePeriodSeconds: 1
  nodeSelector: {tessera.io/node: real}
  securityContext: {runAsUser: 1000, runAsGroup: 1000, fsGroup: 1000, runAsNonRoot: true, seccompProfile: {type: RuntimeDefault}}
  containers:
  - name: main
    image: $2
    imagePullPolicy: Never
    command: [sh, -c, '$4']
    securityContext: {allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}}
    $mount
  $volume
YAML
}

test_node_storage() { # <busybox ref>
  local ref="$1" out rc
  check "tessera-local is the default StorageClass (no provisioner, WaitForFirstConsumer)" test \
    "$(rn_kubectl get storageclass -o jsonpath='{range .items[?(@.metadata.annotations.storageclass\.kubernetes\.io/is-default-class=="true")]}{.metadata.name} {.provisioner} {.volumeBindingMode};{end}')" \
    = "tessera-local kubernetes.io/no-provisioner WaitForFirstConsumer;"
  out="$(rn_kubectl get pv -l tessera.io/volume-pool=local -o jsonpath='{range .items[*]}{.status.phase} {.spec.capacity.storage} {.spec.persistentVolumeReclaimPolicy} {.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}{"\n"}{end}')"
  check "8 local volumes of 20Gi, Retain, on real-node, Available" \
    test "$(grep -c '^Available 20Gi Retain real-node$' <<<"$out")" -eq 8

  rn_kubectl create namespace "$NS_NS" >/dev/null
  rn_kubectl label namespace "$NS_NS" pod-security.kubernetes.io/enforce=restricted >/dev/null
  out="$(rn_kubectl apply -n "$NS_NS" --dry-run=server -f - 2>&1 <<YAML
apiVersion: v1
kind: Pod
metadata: {name: root}
spec: {containers: [{name: main, image: $ref, imagePullPolicy: Never, command: [sleep, "1"]}]}
YAML
)"
  check "the test namespace enforces Pod Security restricted (a root pod is refused)" contains "$out" 'violates PodSecurity "restricted'
  # The operator's claim: no storage class (the default one), ReadWriteOnce, 20Gi; and one asking
  # for ReadWriteMany (the chart's default access mode), mounted read-only as the cache's readers do.
  rn_kubectl apply -n "$NS_NS" -f - >/dev/null <<YAML
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: tessera-environments}
spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 20Gi}}}
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata: {name: shared}
spec: {accessModes: [ReadWriteMany], resources: {requests: {storage: 20Gi}}}
---
$(restricted_pod writer "$ref" tessera-environments 'echo written-by-$(id -u) > /data/probe && exec sleep 3600' shared)
YAML
  rn_kubectl wait -n "$NS_NS" --for=condition=Ready pod/writer --timeout=60s >/dev/null
  local pv; pv="$(rn_kubectl get pvc -n "$NS_NS" tessera-environments -o jsonpath='{.status.phase} {.spec.storageClassName} {.spec.volumeName}')"
  check "a claim without storage class binds a tessera-local volume ($pv)" contains "$pv" "Bound tessera-local tessera-local-"
  pv="${pv##* }"
  check "a restricted pod (uid 1000, fsGroup 1000) writes in the volume" \
    contains "$(rn_kubectl exec -n "$NS_NS" writer -- cat /data/probe 2>&1)" "written-by-1000"
  check "a ReadWriteMany claim binds a tessera-local volume too, mounted read-only" bash -c \
    '[[ "$1" == Bound && "$2" == *"Read-only file system"* ]]' _ "$(rn_kubectl get pvc -n "$NS_NS" shared -o jsonpath='{.status.phase}')" \
    "$(rn_kubectl exec -n "$NS_NS" writer -- sh -c 'echo x > /shared/x' 2>&1)"
  local path; path="$(rn_kubectl get pv "$pv" -o jsonpath='{.spec.local.path}')"
  check "the file is on the node, owned by 1000:1000, in a directory of group 1000 (the kubelet applied fsGroup)" \
    test "$(stat -c '%u:%g' "$path/probe" 2>&1) $(stat -c '%g %A' "$path" 2>&1)" = "1000:1000 1000 drwxrwsr-x"

  # A Released volume (its claim deleted, as when a namespace goes) is wiped and Available again.
  rn_kubectl delete pod -n "$NS_NS" writer --grace-period=1 --wait=true >/dev/null
  rn_kubectl delete pvc -n "$NS_NS" tessera-environments shared --wait=true >/dev/null
  local i phase="" t0=$SECONDS
  for ((i = 0; i < 60; i++)); do
    phase="$(rn_kubectl get pv "$pv" -o jsonpath='{.status.phase}')"
    [[ "$phase" == Available ]] && break
    sleep 0.5
  done
  check "a Released volume of the pool is recycled: Available again ($phase after $((SECONDS - t0)) s)" test "$phase" = Available
  check "the recycled volume's directory is empty" test -z "$(ls -A "$path" 2>&1)"
}

test_node_mirror() { # <busybox ref> <worker ref or "">
  local ref="$1" worker="$2" out rc url pid t0=$SECONDS
  out="$("$MIRROR" start --name "$RN_NAME" 2>&1)"; rc=$?
  check "pypi-mirror start serves the index ($((SECONDS - t0)) s)" test "$rc" -eq 0
  [[ $rc -eq 0 ]] || { echo "$out" | tail -5 | sed 's/^/     /'; return; }
  url="$("$MIRROR" url --name "$RN_NAME")"
  check "pypi-mirror url prints http://10.245.0.1:10390/simple/" test "$url" = "http://10.245.0.1:10390/simple/"
  pid="$("$MIRROR" status --name "$RN_NAME" | grep -o 'pid [0-9]*')"
  out="$("$MIRROR" start --name "$RN_NAME" 2>&1)"; rc=$?
  check "a second start keeps the running index and downloads nothing" \
    bash -c '[[ $1 -eq 0 && "$2" == *"already serving"* && "$2" != *downloading* && "$(grep -o "pid [0-9]*" <<<"$3")" == "$4" ]]' _ \
    "$rc" "$out" "$("$MIRROR" status --name "$RN_NAME")" "$pid"

  out="$(curl -fsS --max-time 5 "$url" 2>&1)"
  check "the host gets the simple index (a project per pinned name)" \
    bash -c '[[ "$1" == *"<a href=\"tabulate/\">"* && "$1" == *"<a href=\"text-unidecode/\">"* ]]' _ "$out"
  local page wheel sha
  page="$(curl -fsS --max-time 5 "${url}tabulate/" 2>&1)"
  wheel="$(grep -o 'href="[^"#]*#sha256=[0-9a-f]*"' <<<"$page" | head -1 | sed 's/^href="//; s/"$//')"
  sha="${wheel##*#sha256=}"; wheel="${wheel%%#*}"
  check "the project page links tabulate 0.9.0's wheel with its sha256" \
    bash -c '[[ "$1" == ../../files/tabulate-0.9.0-py3-none-any.whl && ${#2} -eq 64 ]]' _ "$wheel" "$sha"
  check "the host downloads that wheel and its sha256 matches" \
    test "$(curl -fsS --max-time 5 "${url}tabulate/$wheel" | sha256sum | cut -d' ' -f1)" = "$sha"

  rn_kubectl apply -n "$NS_NS" -f - >/dev/null <<YAML
$(restricted_pod fetch "$ref" "" 'exec sleep 3600')
YAML
  rn_kubectl wait -n "$NS_NS" --for=condition=Ready pod/fetch --timeout=60s >/dev/null
  out="$(rn_kubectl exec -n "$NS_NS" fetch -- timeout 10 wget -qO- "${url}tabulate/" 2>&1)"
  check "a pod on the real node gets the project page from the index" contains "$out" "tabulate-0.9.0-py3-none-any.whl#sha256=$sha"
  out="$(rn_kubectl exec -n "$NS_NS" fetch -- sh -c "timeout 10 wget -q -O- '${url}tabulate/$wheel' | sha256sum" 2>&1)"
  check "a pod downloads the wheel and its sha256 matches the index" contains "$out" "^$sha  -"
  if [[ -n "$worker" ]]; then
    rn_kubectl apply -n "$NS_NS" -f - >/dev/null <<YAML
$(restricted_pod pip "$worker" "" 'exec sleep 3600')
YAML
    rn_kubectl wait -n "$NS_NS" --for=condition=Ready pod/pip --timeout=60s >/dev/null
    # pip refuses a plain-HTTP index unless told to trust its host.
    out="$(rn_kubectl exec -n "$NS_NS" pip -- sh -c "cd /tmp && timeout 60 python3 -m pip download -q --no-cache-dir \
      --index-url '$url' --trusted-host 10.245.0.1 -d /tmp/wheels python-slugify==8.0.4 tabulate==0.9.0 && ls /tmp/wheels" 2>&1)"
    check "pip in a worker pod downloads from the index, a dependency resolved there too" \
      bash -c '[[ "$1" == *python_slugify-8.0.4-* && "$1" == *text_unidecode-1.3-* && "$1" == *tabulate-0.9.0-* ]]' _ "$out"
    [[ "$out" == *text_unidecode* ]] || echo "$out" | tail -3 | sed 's/^/     /'
  else
    echo "skip - pip in a worker pod (the worker image is not built: ./tessera images build worker)"
  fi

  pid="${pid#pid }"
  "$MIRROR" stop --name "$RN_NAME" >/dev/null 2>&1
  check "pypi-mirror stop leaves no process and frees the port" \
    bash -c '! kill -0 "$1" 2>/dev/null && ! curl -s --max-time 2 -o /dev/null "$2" && ! "$3" status --name "$4" >/dev/null' _ \
    "${pid:-0}" "$url" "$MIRROR" "$RN_NAME"
  rn_kubectl delete namespace "$NS_NS" --wait=false >/dev/null
}
