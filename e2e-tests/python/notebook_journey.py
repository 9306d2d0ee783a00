"""A scientist's notebook against a Tessera gateway, with the unchanged dask-gateway client.

Given only the gateway URL and an API token (``auth="jupyterhub"``), it does what a notebook does:
new_cluster, scale(2), get_client, an Xarray reduction computed on the workers, adapt(1, 4) growing
under queued work and shrinking when idle, the dashboard link, connect from a second process,
shutdown. A user of another group then tries the same cluster: list, report, scale, dashboard and
a TLS connection through the proxy with a certificate of their own are all refused.

Run by helm/install-test.sh against the chart's gateway on the real node; usable by hand:

    JOURNEY_OWNER_TOKEN=tsr_... JOURNEY_OTHER_TOKEN=tsr_... \\
        python notebook_journey.py --gateway http://10.96.0.10:8080 --namespace tessera-physics

Checks print "ok: ..." or "FAIL: ..."; the exit status is the number of failures (0 = all passed).
With --kubectl, it also checks the pods and the Secret the cluster leaves behind (none).
"""

import argparse
import datetime
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request

import dask.array as da
import numpy as np
import xarray as xr
from dask_gateway import Gateway
from dask_gateway.client import GatewayClusterError, GatewaySecurity

FAILURES = []
STARTED = time.monotonic()


def log(message):
    print(f"[journey] [{time.monotonic() - STARTED:5.0f} s] {message}", file=sys.stderr, flush=True)


def check(ok, message):
    if ok:
        log(f"ok: {message}")
    else:
        FAILURES.append(message)
        log(f"FAIL: {message}")
    return ok


def wait_until(what, timeout, probe, every=2.0):
    """Polls probe() until it returns something truthy; logs progress every 15 s; returns the last value."""
    deadline = time.monotonic() + timeout
    last_note = time.monotonic()
    value = probe()
    while not value and time.monotonic() < deadline:
        if time.monotonic() - last_note >= 15:
            log(f"  still waiting for {what} ({deadline - time.monotonic():.0f} s left)")
            last_note = time.monotonic()
        time.sleep(every)
        value = probe()
    return value


def gateway_for(url, token):
    """The client as a notebook builds it: JupyterHub auth reads JUPYTERHUB_API_TOKEN."""
    os.environ["JUPYTERHUB_API_TOKEN"] = token
    return Gateway(url, auth="jupyterhub")


def http_get(url, token):
    request = urllib.request.Request(url, headers={"Authorization": f"jupyterhub {token}"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return answer.status, answer.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def kubectl(args, kube):
    return subprocess.run([kube, *args], capture_output=True, text=True, timeout=60)


def foreign_security(name):
    """A certificate of the right shape for this cluster name, but not the cluster's own."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import rsa
    from cryptography.x509.oid import NameOID

    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "dask-internal")])
    now = datetime.datetime.now(datetime.timezone.utc)
    cert = (x509.CertificateBuilder().subject_name(subject).issuer_name(subject)
            .public_key(key.public_key()).serial_number(x509.random_serial_number())
            .not_valid_before(now - datetime.timedelta(minutes=1)).not_valid_after(now + datetime.timedelta(days=1))
            .add_extension(x509.SubjectAlternativeName([x509.DNSName(name), x509.DNSName("dask-internal")]), False)
            .sign(key, hashes.SHA256()))
    return GatewaySecurity(
        tls_key=key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption()).decode(),
        tls_cert=cert.public_bytes(serialization.Encoding.PEM).decode())


def xarray_reduction(client):
    """A chunked DataArray whose mean over time is known exactly; every task must run on a worker."""
    data = xr.DataArray(da.arange(48 * 200 * 100, chunks=48 * 200 * 25).reshape(48, 200, 100),
                        dims=("time", "lat", "lon"), name="temperature")
    expected = np.arange(48 * 200 * 100, dtype="float64").reshape(48, 200, 100).mean(axis=0)
    workers = set(client.scheduler_info()["workers"])
    from distributed import get_task_stream
    with get_task_stream(client) as stream:
        # client.compute: the notebook's client is not the default scheduler (set_as_default=False).
        result = client.compute(data.mean("time")).result()
    ran_on = {task["worker"] for task in stream.data}
    check(np.array_equal(result.values, expected),
          f"an Xarray mean over a chunked {data.shape} array ({data.data.npartitions} chunks) is exact")
    check(bool(ran_on) and ran_on <= workers,
          f"its {len(stream.data)} tasks ran on the cluster's workers ({len(ran_on)} of {len(workers)})")


def adaptive_journey(cluster, client):
    tasks = 100  # ~50 s on the two workers: the scheduler asks for more long before they are done
    cluster.adapt(minimum=1, maximum=4)
    log(f"adapt(minimum=1, maximum=4), then {tasks} one-second tasks queued")

    def slow(i):
        import time as t
        t.sleep(1)
        return i

    futures = client.map(slow, range(tasks), pure=False)
    grew = wait_until("the cluster to grow beyond 2 workers", 240,
                      lambda: len(client.scheduler_info()["workers"]) > 2 and len(client.scheduler_info()["workers"]))
    check(bool(grew), f"adaptive: grew under the queued work to {grew or len(client.scheduler_info()['workers'])} workers (max 4)")
    check(sorted(client.gather(futures)) == list(range(tasks)), f"adaptive: the {tasks} queued tasks all finished")
    del futures
    shrunk = wait_until("the idle cluster to shrink to 1 worker", 300,
                        lambda: len(client.scheduler_info()["workers"]) == 1)
    check(bool(shrunk), f"adaptive: shrank to {len(client.scheduler_info()['workers'])} worker(s) when idle (min 1)")


def second_process(url, token, name):
    """gateway.connect(name) from another process, as a second notebook would."""
    code = (
        "import os, sys\n"
        "from dask_gateway import Gateway\n"
        "gateway = Gateway(sys.argv[1], auth='jupyterhub')\n"
        "cluster = gateway.connect(sys.argv[2])\n"
        "client = cluster.get_client(set_as_default=False)\n"
        "print(client.submit(sum, [1, 2, 3]).result())\n"
        "client.close(); cluster.close()\n")
    answer = subprocess.run([sys.executable, "-c", code, url, name], capture_output=True, text=True, timeout=180,
                            env={**os.environ, "JUPYTERHUB_API_TOKEN": token})
    check(answer.returncode == 0 and answer.stdout.strip() == "6",
          f"a second process connects with gateway.connect(name) and computes: {answer.stdout.strip() or answer.stderr[-400:]}")


def refused(what, action):
    try:
        action()
    except Exception as error:  # the client raises ValueError/GatewayClusterError/HTTPError by status
        return check(True, f"another group's user: {what} refused ({type(error).__name__}: {str(error)[:120]})")
    return check(False, f"another group's user: {what} was allowed")


def other_group_journey(url, other_token, cluster, dashboard_link):
    name = cluster.name
    other = gateway_for(url, other_token)
    check(name not in {c.name for c in other.list_clusters()}, "another group's user: list_clusters does not show it")
    refused("get_cluster", lambda: other.get_cluster(name))
    refused("connect", lambda: other.connect(name))
    refused("scale", lambda: other.scale_cluster(name, 3))
    status, body = http_get(dashboard_link, other_token)
    unknown_status, unknown_body = http_get(dashboard_link.replace(name, name[:-4] + "0000"), other_token)
    check(status == 404 and (status, body) == (unknown_status, unknown_body),
          f"another group's user: dashboard answers {status}, the same as for an unknown cluster ({unknown_status})")
    from distributed import Client
    try:
        with Client(cluster.scheduler_address, security=foreign_security(name), timeout="15s",
                    set_as_default=False):
            check(False, "another group's user: a TLS connection with a foreign certificate reached the scheduler")
    except Exception as error:
        check(True, f"another group's user: TLS through the proxy with a foreign certificate fails ({type(error).__name__})")
    other.close()


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--gateway", required=True, help="the gateway URL, e.g. http://10.96.0.10:8080")
    parser.add_argument("--namespace", help="the group's namespace (for the --kubectl checks)")
    parser.add_argument("--kubectl", help="kubectl to check pods and Secret after shutdown")
    args = parser.parse_args()
    owner_token = os.environ["JOURNEY_OWNER_TOKEN"]
    other_token = os.environ["JOURNEY_OTHER_TOKEN"]

    gateway = gateway_for(args.gateway, owner_token)
    options = gateway.cluster_options()
    log(f"new_cluster() with the group's default options: {dict(options)}")
    began = time.monotonic()
    cluster = gateway.new_cluster(options, shutdown_on_close=True)
    name = cluster.name
    check(cluster.scheduler_address == f"gateway://{args.gateway.split('://')[1].rstrip('/')}/{name}",
          f"new_cluster() returned {name} RUNNING in {time.monotonic() - began:.0f} s, scheduler {cluster.scheduler_address}")
    try:
        cluster.scale(2)
        client = cluster.get_client(set_as_default=False)
        began = time.monotonic()
        client.wait_for_workers(2, timeout=300)
        check(len(client.scheduler_info()["workers"]) == 2,
              f"scale(2) and get_client(): 2 workers in {time.monotonic() - began:.0f} s, through the gateway's proxy")
        xarray_reduction(client)
        link = cluster.dashboard_link
        status, body = http_get(link, owner_token)
        check(status == 200 and b"bokeh" in body.lower(), f"dashboard_link {link} answers {status} with the Bokeh page")
        second_process(args.gateway, owner_token, name)
        other_group_journey(args.gateway, other_token, cluster, link)
        adaptive_journey(cluster, client)
        client.close()
    finally:
        cluster.shutdown()
        log(f"shutdown() of {name}")
    if args.kubectl and args.namespace:
        def leftovers():
            pods = kubectl(["get", "pods", "-n", args.namespace, "-l", f"tessera.io/cluster={name}", "-o", "name"],
                           args.kubectl).stdout.split()
            secret = kubectl(["get", "secret", "-n", args.namespace, f"{name}-tls", "-o", "name",
                              "--ignore-not-found"], args.kubectl).stdout.split()
            return pods + secret
        gone = wait_until("the cluster's pods and Secret to go", 120, lambda: not leftovers())
        check(bool(gone), f"after shutdown() no pod and no Secret of {name} is left: {leftovers()}")
    gateway.close()
    log(f"{len(FAILURES)} failure(s)")
    return len(FAILURES)


if __name__ == "__main__":
    sys.exit(main())
