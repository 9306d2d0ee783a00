#!/usr/bin/env bash
# Gateway benchmark on a dedicated local cluster: latency of 200 concurrent cluster creates
# (dask-gateway API, real Tessera API token, admission with the group row locked, ArrayCluster
# created on the API server) into one group whose quota fits FITS of them, printed beside a
# baseline measured in the same run: 200 concurrent authenticated reads (GET /api/v1/clusters/),
# which pay for authentication and one query but take no lock and write nothing.
# Not a test: it prints figures. Usage: gateway-bench.sh [--keep-cluster]
set -euo pipefail
BENCH_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
LOG_PREFIX=bench
source "$BENCH_DIR/../cluster/lib.sh"
LOCALCLUSTER="$BENCH_DIR/../cluster/localcluster"
GATEWAY="$BENCH_DIR/../cluster/gateway"
NAME=tessera-bench-gw
REQUESTS=200 FITS=50
KEEP=false
[[ "${1:-}" == "--keep-cluster" ]] && KEEP=true

PYTHON="$("$BENCH_DIR/../python/ensure-venv.sh")"
"$LOCALCLUSTER" up --name "$NAME"
eval "$("$LOCALCLUSTER" env --name "$NAME")"
$KEEP || trap '"$LOCALCLUSTER" down --name "$NAME" >/dev/null 2>&1 || true' EXIT
"$GATEWAY" start --name "$NAME"
URL="$("$GATEWAY" url --name "$NAME")"
KC="$(eval "$("$BENCH_DIR/../cluster/keycloak" env --name "$NAME")"; echo "$KEYCLOAK_URL/realms/$KEYCLOAK_REALM")"

bearer() { # a Keycloak access token of a test-realm user (password grant of the CLI client)
  curl -fsS "$KC/protocol/openid-connect/token" -d grant_type=password -d client_id=tessera-cli \
    -d username="$1" -d password="$1-test-password" | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["access_token"])'
}
api() { # METHOD PATH BEARER [BODY]
  curl -fsS -X "$1" "$URL$2" -H "Authorization: Bearer $3" -H 'Content-Type: application/json' ${4:+-d "$4"}
}

admin="$(bearer dave)"
group="bench-$(date +%s)"
api POST /api/admin/v1/groups "$admin" "{\"name\": \"$group\"}" >/dev/null
api PUT "/api/admin/v1/groups/$group/quota" "$admin" "{\"cores\": 100000, \"clusters\": $FITS}" >/dev/null
api PUT "/api/admin/v1/groups/$group/members/alice" "$admin" '{"groupAdmin": false}' >/dev/null
token="$(api POST /api/tessera/v1/tokens "$(bearer alice)" '{"description": "gateway bench"}' \
  | "$PYTHON" -c 'import json,sys; print(json.load(sys.stdin)["token"])')"

log "$REQUESTS concurrent creates into group $group (quota: $FITS clusters) and $REQUESTS concurrent reads"
"$PYTHON" - "$URL" "$token" "$REQUESTS" "$FITS" "$group" <<'PY'
import asyncio, json, sys, time
import aiohttp

url, token, requests, fits, group = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
headers = {"Authorization": "token " + token}

def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]

async def burst(session, method, path, body=None):
    start = asyncio.Event()
    async def one():
        await start.wait()
        t0 = time.perf_counter()
        async with session.request(method, url + path, json=body, headers=headers) as response:
            text = await response.text()
        return response.status, (time.perf_counter() - t0) * 1000, text
    tasks = [asyncio.create_task(one()) for _ in range(requests)]
    await asyncio.sleep(0.2)
    start.set()
    return await asyncio.gather(*tasks)

def report(label, results):
    statuses = {}
    for status, _, _ in results:
        statuses[status] = statuses.get(status, 0) + 1
    ms = [m for _, m, _ in results]
    print(f"{label:<44} p50 {percentile(ms, 50):7.1f} ms   p99 {percentile(ms, 99):7.1f} ms   "
          f"max {max(ms):7.1f} ms   answers {dict(sorted(statuses.items()))}")
    return statuses

async def main():
    connector = aiohttp.TCPConnector(limit=requests)
    async with aiohttp.ClientSession(connector=connector) as session:
        await burst(session, "GET", "/api/v1/clusters/")  # warm-up: connections, JIT, token cache
        reads = await burst(session, "GET", "/api/v1/clusters/")
        creates = await burst(session, "POST", "/api/v1/clusters/", {"cluster_options": {"group": group}})
        print()
        report(f"baseline: {requests} concurrent reads", reads)
        statuses = report(f"{requests} concurrent creates (quota fits {fits})", creates)
        print()
        admitted = [json.loads(text)["name"] for status, _, text in creates if status == 201]
        assert statuses.get(201) == fits, f"expected exactly {fits} admitted, got {statuses}"
        for name in admitted:
            async with session.delete(f"{url}/api/v1/clusters/{name}", headers=headers) as response:
                assert response.status == 204, response.status

asyncio.run(main())
PY
