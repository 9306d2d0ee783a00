"""The gateway's scheduler proxy beside a direct connection to the same scheduler, in one run.

A cluster is created through the gateway (no workers: the figures are the comm's). Its scheduler is
then reached two ways with the cluster's own certificate: through the gateway's SNI proxy
(``gateway://<gateway>/<name>``, what a notebook uses) and directly at the scheduler Service
(``tls://<cluster IP>:8786``, what in-cluster clients use). The directions alternate per round so
that neither profits from a warmer machine.

Figures: bulk transfer of 1 GiB each way in 64 MiB messages (MiB/s, median of the rounds) and the
ratio proxy/direct; CONNECTIONS concurrent connections each doing connect + TLS + one request
(errors, p50 and p99 time to first answer). Prints a table and, with --json, one JSON line.

    JUPYTERHUB_API_TOKEN=tsr_... python proxy_bench.py --gateway http://10.245.0.1:30080 \\
        --scheduler-host 10.96.0.42   # or --kubectl kubectl to look the Service up
"""

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time

import numpy as np
from dask_gateway import Gateway
from distributed import Client
from distributed.comm import connect

MIB = 1 << 20
MESSAGE = 64 * MIB
TOTAL = 1024 * MIB


def log(message):
    print(f"[proxy-bench] {message}", file=sys.stderr, flush=True)


def _length(payload):
    return len(payload)


def _payload(size):
    return bytes(size)


def transfer_rates(client, payload):
    """MiB/s client->scheduler and scheduler->client for TOTAL bytes in MESSAGE-sized messages."""
    messages = TOTAL // MESSAGE
    began = time.perf_counter()
    for _ in range(messages):
        assert client.run_on_scheduler(_length, payload) == MESSAGE
    up = TOTAL / MIB / (time.perf_counter() - began)
    began = time.perf_counter()
    for _ in range(messages):
        assert len(client.run_on_scheduler(_payload, MESSAGE)) == MESSAGE
    down = TOTAL / MIB / (time.perf_counter() - began)
    return up, down


async def concurrent_connects(address, connection_args, count):
    """Opens count connections at once; each: connect, TLS, one identity request. Returns (latencies ms, errors)."""
    latencies, errors, comms = [], [], []

    async def one():
        began = time.perf_counter()
        try:
            comm = await connect(address, timeout=60, **connection_args)
            comms.append(comm)
            await comm.write({"op": "identity", "reply": True})
            answer = await comm.read()
            if not isinstance(answer, dict) or answer.get("type") != "Scheduler":
                raise RuntimeError(f"unexpected answer {str(answer)[:80]}")
            latencies.append((time.perf_counter() - began) * 1000)
        except Exception as error:
            errors.append(f"{type(error).__name__}: {error}")

    await asyncio.gather(*(one() for _ in range(count)))
    await asyncio.gather(*(comm.close() for comm in comms), return_exceptions=True)
    return latencies, errors


def percentile(values, p):
    return float(np.percentile(values, p)) if values else float("nan")


def scheduler_host(args, namespace, name):
    if args.scheduler_host:
        return args.scheduler_host
    return subprocess.run([args.kubectl, "get", "svc", "-n", namespace, f"{name}-scheduler", "-o",
                           "jsonpath={.spec.clusterIP}"], capture_output=True, text=True, check=True).stdout.strip()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", required=True)
    parser.add_argument("--namespace", default="tessera-physics", help="the cluster's namespace (Service lookup)")
    parser.add_argument("--scheduler-host", help="address of the scheduler Service (else looked up with --kubectl)")
    parser.add_argument("--kubectl", default="kubectl")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--connections", type=int, default=200)
    parser.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    args = parser.parse_args()

    gateway = Gateway(args.gateway, auth="jupyterhub")
    log("creating a cluster through the gateway (scheduler only)")
    cluster = gateway.new_cluster(shutdown_on_close=True)
    try:
        security = cluster.security
        addresses = {"proxy": cluster.scheduler_address,
                     "direct": f"tls://{scheduler_host(args, args.namespace, cluster.name)}:8786"}
        log(f"cluster {cluster.name}: proxy {addresses['proxy']}, direct {addresses['direct']}")
        payload = bytes(MESSAGE)
        rates = {way: {"up": [], "down": []} for way in addresses}
        for round_ in range(args.rounds):
            for way in (("proxy", "direct") if round_ % 2 == 0 else ("direct", "proxy")):
                with Client(addresses[way], security=security, set_as_default=False, timeout="60s") as client:
                    up, down = transfer_rates(client, payload)
                rates[way]["up"].append(up)
                rates[way]["down"].append(down)
                log(f"round {round_ + 1}/{args.rounds} {way}: 1 GiB up {up:.0f} MiB/s, down {down:.0f} MiB/s")
        connects = {}
        for way in ("proxy", "direct"):
            log(f"{args.connections} concurrent connections, {way}")
            connects[way] = asyncio.run(concurrent_connects(addresses[way], security.get_connection_args("client"),
                                                            args.connections))
    finally:
        # No gateway.close(): the client's __del__ closes it, and a second close of a client whose
        # loop has stopped raises (dask-gateway 2026.3.0 with distributed 2026.3.0).
        cluster.shutdown()

    median = {way: {d: statistics.median(v) for d, v in r.items()} for way, r in rates.items()}
    figures = {
        "upload_mib_s": {w: round(median[w]["up"]) for w in median},
        "download_mib_s": {w: round(median[w]["down"]) for w in median},
        "upload_ratio": round(median["proxy"]["up"] / median["direct"]["up"], 2),
        "download_ratio": round(median["proxy"]["down"] / median["direct"]["down"], 2),
        "connections": args.connections,
        "connect_errors": {w: len(connects[w][1]) for w in connects},
        "connect_p50_ms": {w: round(percentile(connects[w][0], 50)) for w in connects},
        "connect_p99_ms": {w: round(percentile(connects[w][0], 99)) for w in connects},
    }
    rows = [
        ("1 GiB client->scheduler (MiB/s, median)", figures["upload_mib_s"], f"{figures['upload_ratio']:.2f}"),
        ("1 GiB scheduler->client (MiB/s, median)", figures["download_mib_s"], f"{figures['download_ratio']:.2f}"),
        (f"{args.connections} concurrent connects: errors", figures["connect_errors"], ""),
        ("  time to first answer p50 (ms)", figures["connect_p50_ms"], ""),
        ("  time to first answer p99 (ms)", figures["connect_p99_ms"], ""),
    ]
    print(f"{'figure':<44}{'proxy':>10}{'direct':>10}{'proxy/direct':>14}")
    for label, values, ratio in rows:
        print(f"{label:<44}{values['proxy']:>10}{values['direct']:>10}{ratio:>14}")
    for way in connects:
        for error in sorted(set(connects[way][1]))[:5]:
            print(f"  {way} error: {error}")
    if args.json:
        print(json.dumps(figures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
