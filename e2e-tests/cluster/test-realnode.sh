# Tests of the real node (localcluster up --real-node); sourced by test-localcluster.sh, which
# provides check, contains, LC and the counters. Real containers run: a busybox image built here.
RN_NAME="tessera-realnode-$$"
RN_OPTS=(--name "$RN_NAME" --nodes 1 --gpu-nodes 0 --real-node)
RN_NS=realnode-test
RN_TARGET=203.0.113.1   # TEST-NET-3: documentation only, never a real host; the pod's packet must be dropped
trap '"$LC" down --name "$NAME" >/dev/null 2>&1; "$LC" down --name "$RN_NAME" >/dev/null 2>&1' EXIT
source "$CLUSTER_DIR/test-node-services.sh"

# What a real node may leave on the machine, listed before up and after down.
machine_state() {
  # Image builds (buildah storage, mmdebstrap under /tmp) are not the node's and may mount and
  # unmount meanwhile on a shared machine; the node never mounts there.
  echo "## mounts"; awk -v i="$TESSERA_CACHE/images/" 'index($5, i) != 1 && index($5, "/tmp/") != 1 { print $5 }' /proc/self/mountinfo | sort
  echo "## netns"; ip netns list 2>/dev/null | sort
  echo "## net namespaces in use"; for p in /proc/[0-9]*/ns/net; do readlink "$p" 2>/dev/null; done | sort -u
  echo "## links"; ip -o link show | awk -F': ' '{ print $2 }' | sort
  echo "## addresses"; ip -o addr show | awk '{ print $2, $4 }' | sort
  local cmd table
  for cmd in iptables ip6tables; do
    for table in filter nat mangle raw; do
      echo "## $cmd -t $table"; $cmd -w -t "$table" -S 2>/dev/null | sort
    done
  done
  echo "## cgroups"; find /sys/fs/cgroup -mindepth 2 -maxdepth 2 -type d -name 'tessera-*' | sort
  echo "## processes"; ps -eo args | grep -E '(^|/)(containerd|kubelet|kube-proxy|coredns|containerd-shim-runc-v2|pause|tcp-forward.py)( |$)|realnode recycle-volumes|http\.server 10390' | grep -v grep | sort
  echo "## fixed paths"; ls -d /var/lib/kubelet /var/lib/cni /run/containerd /var/log/containers /var/log/pods 2>/dev/null
  ls -A /var/lib/kubelet /var/lib/cni/results /run/containerd /var/log/containers /var/log/pods 2>/dev/null
  echo "## sysctls"; for s in net/ipv4/ip_forward net/ipv4/conf/all/route_localnet net/bridge/bridge-nf-call-iptables \
    vm/overcommit_memory vm/panic_on_oom kernel/panic kernel/panic_on_oops kernel/keys/root_maxkeys \
    kernel/keys/root_maxbytes net/netfilter/nf_conntrack_max; do
    echo "$s=$(cat /proc/sys/$s 2>/dev/null)"; done
}

rn_kubectl() { "$KUBE_BIN_DIR/kubectl" --kubeconfig "$("$LC" kubeconfig --name "$RN_NAME")" "$@"; }
fwd_drops() { # packets dropped by the "pod traffic leaves the machine" rule of our chain
  local chain; chain="TESSERA-FWD-$(printf '%s' "$RN_NAME" | sha1sum | cut -c1-6)"
  iptables -w -L "$chain" -v -x -n 2>/dev/null | awk '$3 == "DROP" && $8 ~ /^10\.244\./ { print $1; exit }'
}

# A busybox image built here (FROM scratch, Debian's static busybox and its applet links).
build_test_image() {
  local dir="$TESSERA_CACHE/images/test-busybox" hash
  hash="$( { sha256sum /bin/busybox; echo v1; } | sha256sum | cut -c1-16)"
  if [[ ! -s "$dir/$hash.tar" ]]; then
    rm -rf "$dir/ctx"; mkdir -p "$dir/ctx/rootfs/bin"
    cp /bin/busybox "$dir/ctx/rootfs/bin/busybox"
    local a; for a in $(/bin/busybox --list); do [[ "$a" == busybox ]] || ln -s busybox "$dir/ctx/rootfs/bin/$a"; done
    printf 'FROM scratch\nCOPY rootfs/ /\nENV PATH=/bin\n' >"$dir/ctx/Containerfile"
    local b=(buildah --root "$TESSERA_CACHE/buildah/root" --runroot "$TESSERA_CACHE/buildah/run" --storage-driver vfs)
    "${b[@]}" bud -q -t "tessera.local/test-busybox:$hash" -f "$dir/ctx/Containerfile" "$dir/ctx" >/dev/null \
      && "${b[@]}" push -q "tessera.local/test-busybox:$hash" "oci-archive:$dir/$hash.tar:tessera.local/test-busybox:$hash" >/dev/null
    "${b[@]}" rmi "tessera.local/test-busybox:$hash" >/dev/null 2>&1
    rm -rf "$dir/ctx"
  fi
  printf '%s\t%s\t%s\n' "tessera.local/test-busybox:$hash" "$dir/$hash.tar" "$hash"
}

test_real_node() {
  local before after out rc img ref archive hash forward_before
  forward_before="$(cat /proc/sys/net/ipv4/ip_forward)"
  before="$(machine_state)"
  # The image to run, built before up and listed the way `e2e-tests/cluster/images archives` does.
  img="$(build_test_image)"; IFS=$'\t' read -r ref archive hash <<<"$img"
  # A hash of this run: containerd's image store outlives clusters, and up must import it once here.
  hash="$hash-$$"; img="$ref"$'\t'"$archive"$'\t'"$hash"
  # The worker image too when it is built (pip in a pod; present in containerd's store, no import).
  local worker; worker="$("$CLUSTER_DIR/images" archives 2>/dev/null | awk -F'\t' '$1 ~ /\/tessera\/worker:/')"
  local lister; lister="$(mktemp)"; printf '#!/bin/sh\nprintf "%%s\\n" "%s"%s\n' "$img" "${worker:+ \"$worker\"}" >"$lister"; chmod +x "$lister"
  local t0=$SECONDS
  out="$(TESSERA_IMAGES_LISTER="$lister" "$LC" up "${RN_OPTS[@]}" 2>&1)"; rc=$?
  check "up --real-node starts a cluster with a real node ($((SECONDS - t0)) s)" test "$rc" -eq 0
  if [[ $rc -ne 0 ]]; then echo "$out" | tail -20 | sed 's/^/     /'; rm -f "$lister"; return; fi
  check "the real node is Ready" bash -c "[[ \$('$KUBE_BIN_DIR/kubectl' --kubeconfig '$("$LC" kubeconfig --name "$RN_NAME")' get node real-node -o jsonpath='{.status.conditions[?(@.type==\"Ready\")].status}') == True ]]"
  check "the real node advertises this machine's cores" test "$(rn_kubectl get node real-node -o jsonpath='{.status.capacity.cpu}')" = "$(nproc)"
  check "the simulated node is tainted tessera.io/simulated" contains "$(rn_kubectl get node kwok-cpu-0 -o jsonpath='{.spec.taints}')" "tessera.io/simulated"
  check "the real node's status comes from its kubelet and containerd" \
    contains "$(rn_kubectl get node real-node -o jsonpath='{.status.nodeInfo.kubeletVersion} {.status.nodeInfo.containerRuntimeVersion}')" "$KUBE_VERSION containerd://"
  local chain_first
  chain_first="$(iptables -w -S FORWARD | sed -n 2p)"
  check "our FORWARD chain is the first rule" contains "$chain_first" "-j TESSERA-FWD-"

  check "up imports the images the lister names" contains "$out" "imported $ref"
  t0=$SECONDS
  out="$(TESSERA_IMAGES_LISTER="$lister" "$LC" import-images --name "$RN_NAME" 2>&1)"; rc=$?
  check "import-images skips an image present with the same content hash ($((SECONDS - t0)) s)" \
    bash -c "[[ $rc -eq 0 && $((SECONDS - t0)) -lt 5 ]] && ! grep -q imported <<<\"\$1\"" _ "$out"
  rm -f "$lister"

  rn_kubectl create namespace "$RN_NS" >/dev/null
  rn_kubectl apply -n "$RN_NS" -f - >/dev/null <<YAML
apiVersion: v1
kind: Pod
metadata: {name: web, labels: {app: web}}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - name: web
    image: $ref
    imagePullPolicy: Never
    command: [sh, -c, 'mkdir -p /www && echo hello-from-a-real-pod > /www/index.html && echo web started && exec httpd -f -p 8080 -h /www']
    readinessProbe: {httpGet: {path: /index.html, port: 8080}, periodSeconds: 1}
---
apiVersion: v1
kind: Service
metadata: {name: web}
spec: {selector: {app: web}, ports: [{port: 80, targetPort: 8080}]}
---
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  terminationGracePeriodSeconds: 1
  containers:
  - {name: client, image: $ref, imagePullPolicy: Never, command: [sleep, "3600"]}
YAML
  rn_kubectl wait -n "$RN_NS" --for=condition=Ready pod/web pod/client --timeout=60s >/dev/null
  check "pods without a node selector run on the real node" test "$(rn_kubectl get pod -n "$RN_NS" web -o jsonpath='{.spec.nodeName}')" = real-node
  check "the pod is a containerd container, not a kwok simulation" \
    contains "$(rn_kubectl get pod -n "$RN_NS" web -o jsonpath='{.status.containerStatuses[0].containerID}')" "containerd://"
  check "the pod has an address of the node's pod range" \
    contains "$(rn_kubectl get pod -n "$RN_NS" web -o jsonpath='{.status.podIP}')" "10.244.0."
  check "a pod runs and is Ready (httpGet probe)" test "$(rn_kubectl get pod -n "$RN_NS" web -o jsonpath='{.status.containerStatuses[0].ready}')" = true
  check "kubectl logs shows the container's output" contains "$(rn_kubectl logs -n "$RN_NS" web 2>&1)" "web started"
  check "kubectl exec runs in the container" contains "$(rn_kubectl exec -n "$RN_NS" web -- cat /www/index.html 2>&1)" "hello-from-a-real-pod"
  local cip; cip="$(rn_kubectl get svc -n "$RN_NS" web -o jsonpath='{.spec.clusterIP}')"
  check "a pod reaches a Service's ClusterIP ($cip)" contains "$(rn_kubectl exec -n "$RN_NS" client -- timeout 10 wget -qO- "http://$cip/index.html" 2>&1)" "hello-from-a-real-pod"
  check "DNS resolves <svc>.<ns>.svc.cluster.local in a pod" contains "$(rn_kubectl exec -n "$RN_NS" client -- nslookup "web.$RN_NS.svc.cluster.local" 2>&1)" "$cip"
  check "a pod reaches <svc>.<ns>.svc by name" contains "$(rn_kubectl exec -n "$RN_NS" client -- timeout 10 wget -qO- "http://web.$RN_NS.svc/index.html" 2>&1)" "hello-from-a-real-pod"

  # The API server from a pod, as in-cluster clients reach it: the `kubernetes` Service.
  local api_ip; api_ip="$(rn_kubectl get svc kubernetes -o jsonpath='{.spec.clusterIP}')"
  check "a pod connects to the API server through the kubernetes Service ($api_ip:443)" \
    bash -c "'$KUBE_BIN_DIR/kubectl' --kubeconfig '$("$LC" kubeconfig --name "$RN_NAME")' exec -n '$RN_NS' client -- nc -w 3 '$api_ip' 443 </dev/null >/dev/null 2>&1"
  local api_port; api_port="$(grep -o 'server: https://127.0.0.1:[0-9]*' "$("$LC" kubeconfig --name "$RN_NAME")" | grep -o '[0-9]*$')"
  check "the API server's certificate is valid for the kubernetes Service's address" \
    contains "$(openssl s_client -connect "10.245.0.1:$api_port" -verify_ip "$api_ip" \
      -CAfile "${KWOK_WORKDIR:-$HOME/.kwok}/clusters/$RN_NAME/pki/ca.crt" </dev/null 2>/dev/null)" "Verify return code: 0 (ok)"

  local drops_before drops_after
  drops_before="$(fwd_drops)"
  out="$(rn_kubectl exec -n "$RN_NS" client -- nc -w 2 "$RN_TARGET" 80 </dev/null 2>&1)"; rc=$?
  drops_after="$(fwd_drops)"
  check "a pod cannot reach an address outside the machine" test "$rc" -ne 0
  check "the outside attempt was dropped by our FORWARD rule (${drops_before:-?} -> ${drops_after:-?} packets)" \
    test "${drops_after:-0}" -gt "${drops_before:-0}"
  # The kubelet's API, asked as a pod can: with nothing, or with the pod's own ServiceAccount token.
  # (From the host with curl: busybox's TLS client shares no cipher suite with Go's TLS server.)
  local token code
  token="$(rn_kubectl exec -n "$RN_NS" client -- cat /var/run/secrets/kubernetes.io/serviceaccount/token)"
  code="$(curl -sk -o /dev/null -w '%{http_code}' https://10.245.0.1:10350/pods)"
  check "the kubelet's API refuses a request without credentials ($code)" test "$code" = 401
  code="$(curl -sk -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $token" https://10.245.0.1:10350/pods)"
  check "the kubelet's API refuses a pod's ServiceAccount token ($code)" test "$code" = 403
  local host_ip; host_ip="$(ip -o -4 addr show dev "$(ip -o route show default | awk '{ print $5; exit }')" | awk '{ print $4; exit }' | cut -d/ -f1)"
  drops_before="$(iptables -w -L "TESSERA-IN-$(printf '%s' "$RN_NAME" | sha1sum | cut -c1-6)" -v -x -n | awk '$3 == "DROP" { print $1 }')"
  rn_kubectl exec -n "$RN_NS" client -- nc -w 2 "$host_ip" 22 </dev/null >/dev/null 2>&1
  drops_after="$(iptables -w -L "TESSERA-IN-$(printf '%s' "$RN_NAME" | sha1sum | cut -c1-6)" -v -x -n | awk '$3 == "DROP" { print $1 }')"
  check "a pod reaches the host only at the node address (to $host_ip: ${drops_before:-?} -> ${drops_after:-?} dropped)" \
    test "${drops_after:-0}" -gt "${drops_before:-0}"
  local pf; rn_kubectl port-forward -n "$RN_NS" pod/web 18089:8080 >/dev/null 2>&1 & pf=$!
  sleep 2
  check "kubectl port-forward reaches a real pod" contains "$(curl -s --max-time 5 http://127.0.0.1:18089/index.html)" "hello-from-a-real-pod"
  kill "$pf" 2>/dev/null; wait "$pf" 2>/dev/null

  test_node_storage "$ref"
  # Without a current worker archive, a worker image already in containerd's store (it outlives
  # clusters and is shared by checkouts) still has the Python and pip the check needs.
  local worker_ref; worker_ref="$(cut -f1 <<<"$worker")"
  if [[ -z "$worker_ref" ]]; then
    worker_ref="$(grep -m1 '/tessera/worker:' "$CLUSTER_DIR/../../helm/tessera/images.txt")"
    ctr --address "$TESSERA_CACHE/clusters/$RN_NAME/node/containerd/containerd.sock" -n k8s.io images ls -q 2>/dev/null \
      | grep -x -- "$worker_ref" >/dev/null || worker_ref=""
  fi
  test_node_mirror "$ref" "$worker_ref"

  out="$("$CLUSTER_DIR/realnode" up --name "$RN_NAME-other" 2>&1)"; rc=$?
  check "a second cluster cannot start another real node on this machine" \
    bash -c "[[ $rc -ne 0 ]] && grep -q \"cluster '$RN_NAME' has the real node\" <<<\"\$1\"" _ "$out"

  t0=$SECONDS
  out="$("$LC" up "${RN_OPTS[@]}" 2>&1)"; rc=$?
  check "a second up with the real node running succeeds ($((SECONDS - t0)) s)" test "$rc" -eq 0
  [[ $rc -eq 0 ]] || echo "$out" | tail -5 | sed 's/^/     /'
  check "a second up reuses the running cluster and node" contains "$out" "already running; reusing it"
  kill -9 "$(cat "$TESSERA_CACHE/clusters/$RN_NAME/node/run/kubelet.pid")" 2>/dev/null
  out="$("$LC" up --name "$RN_NAME" 2>&1)"; rc=$?
  check "up (without --real-node) succeeds after the kubelet was killed" test "$rc" -eq 0
  check "up restarted the killed kubelet" contains "$("$CLUSTER_DIR/realnode" status --name "$RN_NAME")" "kubelet: running"
  check "the node is Ready again and the pod kept running" \
    contains "$(rn_kubectl exec -n "$RN_NS" web -- cat /www/index.html 2>&1)" "hello-from-a-real-pod"

  t0=$SECONDS
  out="$("$LC" down --name "$RN_NAME" 2>&1)"; rc=$?
  check "down removes the cluster and its real node ($((SECONDS - t0)) s)" test "$rc" -eq 0
  after="$(machine_state)"
  local diff; diff="$(diff <(echo "$before") <(echo "$after"))"
  check "down leaves no mount, netns, link, iptables rule or chain, cgroup, process or sysctl change behind" test -z "$diff"
  [[ -z "$diff" ]] || echo "$diff" | head -30
  check "down restores net.ipv4.ip_forward ($forward_before)" test "$(cat /proc/sys/net/ipv4/ip_forward)" = "$forward_before"
}

test_real_node
