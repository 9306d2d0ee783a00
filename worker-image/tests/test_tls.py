"""The same cluster over TLS with a per-cluster self-signed certificate, as the gateway issues:
clients holding the certificate work, anyone else is refused by the scheduler."""

from __future__ import annotations

import pytest

from helpers import LocalCluster, http_json, wait_until
from workloads import cluster_certificate, zarr_reduction_matches_numpy


@pytest.fixture(scope="module")
def credentials(tmp_path_factory):
    directory = tmp_path_factory.mktemp("tls")
    cert, key = cluster_certificate(directory / "cluster", "team.demo")
    other_cert, other_key = cluster_certificate(directory / "other", "team.other")
    return {"cert": cert, "key": key, "other_cert": other_cert, "other_key": other_key}


@pytest.fixture(scope="module")
def cluster(module_procs, credentials):
    cert, key = credentials["cert"], credentials["key"]
    tls_env = {"TESSERA_TLS_CA_FILE": cert, "TESSERA_TLS_CERT_FILE": cert, "TESSERA_TLS_KEY_FILE": key}
    cluster = LocalCluster(module_procs, tls_env=tls_env).start_scheduler()
    cluster.start_worker("tls-worker-a")
    cluster.start_worker("tls-worker-b")
    cluster.wait_for_workers("tls-worker-a", "tls-worker-b")
    return cluster


def security(ca, cert=None, key=None):
    from distributed.security import Security

    return Security(tls_ca_file=str(ca), tls_client_cert=cert and str(cert), tls_client_key=key and str(key),
                    require_encryption=True)


def test_all_comms_are_tls_and_the_http_api_stays_plain_http(cluster):
    workers = http_json(cluster.http_base + "api/v1/get_workers")["workers"]
    assert sorted(w["name"] for w in workers) == ["tls-worker-a", "tls-worker-b"]
    assert all(w["address"].startswith("tls://127.0.0.1:") for w in workers)


def test_a_client_with_the_cluster_certificate_computes(cluster, credentials, tmp_path):
    cert, key = credentials["cert"], credentials["key"]
    with cluster.client(security(cert, cert, key)) as client:
        assert zarr_reduction_matches_numpy(client, tmp_path / "data.zarr")


def ask_identity(address, cert=None, key=None, trust=None):
    """One raw comm round trip, so that the client side can be set up any way (even without a
    certificate, which dask's Security would refuse to build)."""
    import asyncio
    import ssl

    from distributed.comm import connect

    context = None
    if trust:
        context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=str(trust))
        context.check_hostname = False  # dask's own client contexts do the same
        if cert:
            context.load_cert_chain(str(cert), str(key))

    async def round_trip():
        comm = await connect(address, timeout=5, ssl_context=context)
        try:
            await comm.write({"op": "identity", "reply": True})
            return await comm.read()
        finally:
            comm.abort()

    return asyncio.run(round_trip())


def test_the_scheduler_answers_a_comm_with_the_cluster_certificate(cluster, credentials):
    cert, key = credentials["cert"], credentials["key"]
    assert ask_identity(cluster.address, cert, key, trust=cert)["type"] == "Scheduler"


@pytest.mark.parametrize("who, reason", [
    ("no client certificate", "PEER_DID_NOT_RETURN_A_CERTIFICATE"),
    ("another cluster's certificate", "CERTIFICATE_VERIFY_FAILED"),
    ("plain tcp", "WRONG_VERSION_NUMBER"),
])
def test_a_client_without_the_cluster_certificate_is_refused(cluster, credentials, who, reason):
    trust = credentials["cert"]  # the client trusts the scheduler; the scheduler must still refuse it
    attempt = {
        "no client certificate": lambda: ask_identity(cluster.address, trust=trust),
        "another cluster's certificate": lambda: ask_identity(
            cluster.address, credentials["other_cert"], credentials["other_key"], trust=trust),
        "plain tcp": lambda: ask_identity(cluster.address.replace("tls://", "tcp://")),
    }[who]
    with pytest.raises((OSError, TimeoutError)):
        attempt()
    # Refused by the scheduler, not merely failing on the client's side:
    wait_until(lambda: "TLS handshake failed with remote" in cluster.scheduler.text()
               and reason in cluster.scheduler.text(), f"the scheduler to log {reason}", timeout=10)


def test_the_runner_connects_with_the_tls_settings_it_was_given(cluster, module_procs, tmp_path):
    script = tmp_path / "job.py"
    script.write_text("from distributed import Client\nprint('total', Client().submit(sum, [1, 2, 3]).result())\n")
    runner = module_procs.entrypoint("runner-tls", ["runner"], module_procs.env(
        DASK_SCHEDULER_ADDRESS=f"127.0.0.1:{cluster.port}", TESSERA_RUNNER_SCRIPT=script, **cluster.tls_env))
    assert runner.wait() == 0, runner.tail()
    assert "total 6" in runner.stdout()
