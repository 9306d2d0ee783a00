"""One step of a dask-gateway client journey against a Tessera gateway, driven by DaskGatewayClientIT.

Uses only the unchanged dask-gateway client's public API (plus the wait loop new_cluster() runs),
authenticating the way notebooks beside JupyterHub do: auth="jupyterhub" with the Tessera API
token in JUPYTERHUB_API_TOKEN. Connecting to the scheduler (new_cluster(), get_client()) needs
the per-cluster TLS and the SNI proxy of a later issue, so it is not done here.

Usage: journey.py ADDRESS STEP [ARGS...]; prints one JSON object; exits 1 with a message on failure.
"""
import json
import sys
import warnings

from dask_gateway import Gateway
from dask_gateway.client import ClusterStatus


def options(gw):
    opts = gw.cluster_options()
    return {"fields": {k: opts[k] for k in opts}, "types": {k: type(opts[k]).__name__ for k in opts},
            "versions": gw.get_versions()}


def create(gw, cores, memory):
    opts = gw.cluster_options()
    opts.worker_cores = float(cores)
    opts.worker_memory = float(memory)
    name = gw.submit(opts)
    listed = [c.name for c in gw.list_clusters()]
    # new_cluster() runs exactly this loop: GET ?wait until RUNNING, failing on FAILED/STOPPED.
    report = gw.sync(gw._wait_for_start, name)
    return {"name": name, "listed_while_pending": name in listed, "status": report.status.name,
            "options": dict(report.options), "running": [c.name for c in gw.list_clusters(status="RUNNING")],
            "scheduler_address": report.scheduler_address}


def scale(gw, name, count):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gw.scale_cluster(name, int(count))
    return {"warnings": [str(w.message) for w in caught]}


def adapt(gw, name, minimum, maximum):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        gw.adapt_cluster(name, minimum=int(minimum), maximum=int(maximum))
    return {"warnings": [str(w.message) for w in caught]}


def stop(gw, name):
    gw.stop_cluster(name)
    gw.stop_cluster(name)  # idempotent
    return {"active": [c.name for c in gw.list_clusters()],
            "stopped": [c.name for c in gw.list_clusters(status=[ClusterStatus.STOPPED, ClusterStatus.STOPPING])],
            "status": gw.get_cluster(name).status.name}


def security(gw, name):
    """What the client makes of a report: its security object (None without tls_key) and links."""
    report = gw.get_cluster(name)
    sec = report.security
    out = {"status": report.status.name, "has_security": sec is not None, "dashboard_link": report.dashboard_link,
           "listed_security": [c.security is not None for c in gw.list_clusters() if c.name == name]}
    if sec is not None:
        # Builds the SSLContext the client connects with: the key must match the certificate, which
        # must be a CA the context can trust (it is its own).
        ctx = sec.get_connection_args("client")["ssl_context"]
        out["ca_subjects"] = [dict(x[0] for x in ca["subject"]) for ca in ctx.get_ca_certs()]
        out["require_encryption"] = sec.get_connection_args("client")["require_encryption"]
    return out


def errors(gw):
    out = {}
    for key, call in {"unknown_option": lambda: gw.submit(bogus=1),
                      "out_of_range": lambda: gw.submit(worker_cores=1000.0),
                      "missing_cluster": lambda: gw.get_cluster("nope-0000000000"),
                      "bad_scale": lambda: gw.scale_cluster("nope-0000000000", 1)}.items():
        try:
            call()
            out[key] = "no error"
        except Exception as e:  # noqa: BLE001 - the type and message are the result
            out[key] = f"{type(e).__name__}: {e}"
    return out


STEPS = {"options": options, "create": create, "scale": scale, "adapt": adapt, "stop": stop, "security": security,
         "errors": errors}

if __name__ == "__main__":
    address, step, args = sys.argv[1], sys.argv[2], sys.argv[3:]
    gateway = Gateway(address, auth="jupyterhub")
    try:
        print(json.dumps(STEPS[step](gateway, *args)))
    finally:
        gateway.close()
