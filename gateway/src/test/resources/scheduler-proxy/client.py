"""The unchanged dask-gateway client comm through the gateway's front door.

Usage: client.py ADDRESS CERT KEY MODE, with ADDRESS gateway://host:port/<cluster>; MODE is
"compute" (a task on the cluster's worker and a round trip of 8 MiB through scatter/gather) or
"info" (the scheduler's identity only). Prints one JSON line: {"ok": true, ...} or
{"ok": false, "error": "..."}; failing to connect is an answer here, not a crash.
"""
import json
import sys

import dask_gateway.client  # noqa: F401  registers the gateway:// comm
from dask_gateway.client import GatewaySecurity
from distributed import Client


def main():
    address, cert, key, mode = sys.argv[1:5]
    with open(cert) as c, open(key) as k:
        security = GatewaySecurity(tls_key=k.read(), tls_cert=c.read())
    timeout = "30s" if mode == "compute" else "5s"
    try:
        with Client(address, security=security, timeout=timeout) as client:
            result = {"ok": True, "scheduler": client.scheduler_info()["id"]}
            if mode == "compute":
                result["sum"] = client.submit(sum, [20, 22]).result(timeout=60)
                payload = bytes(range(256)) * (8 * 4096)
                future = client.scatter(payload)
                result["roundtrip"] = client.gather(future) == payload
    except Exception as e:  # noqa: BLE001 - the test asserts on the failure
        result = {"ok": False, "error": type(e).__name__ + ": " + str(e)}
    print(json.dumps(result))


if __name__ == "__main__":
    main()
