"""A scheduler and two workers started through the entrypoint compute an xarray reduction over
zarr; the runner role runs programs against the same cluster."""

from __future__ import annotations

import sys

import pytest

from helpers import LocalCluster, http, http_json, lock_versions
from workloads import zarr_reduction_matches_numpy

GIB = 1 << 30


@pytest.fixture(scope="module")
def cluster(module_procs):
    pins = lock_versions()
    cluster = LocalCluster(module_procs).start_scheduler(
        # The right expectations must not stop anything (the wrong ones are in test_version_guard).
        TESSERA_EXPECT_DASK_VERSION=pins["dask"], TESSERA_EXPECT_DISTRIBUTED_VERSION=pins["distributed"])
    cluster.start_worker("demo-worker-a", TESSERA_WORKER_THREADS=2, TESSERA_WORKER_MEMORY_LIMIT=GIB,
                         TESSERA_WORKER_RESOURCES="GPU=1 MEM=8")
    cluster.start_worker("demo-worker-b", TESSERA_WORKER_THREADS=1)
    cluster.wait_for_workers("demo-worker-a", "demo-worker-b")
    return cluster


def test_workers_run_with_the_name_threads_memory_and_resources_they_were_given(cluster):
    with cluster.client() as client:
        workers = {w["name"]: w for w in client.scheduler_info(n_workers=-1)["workers"].values()}
    assert set(workers) == {"demo-worker-a", "demo-worker-b"}
    a, b = workers["demo-worker-a"], workers["demo-worker-b"]
    assert (a["nthreads"], a["memory_limit"], a["resources"]) == (2, GIB, {"GPU": 1.0, "MEM": 8.0})
    assert (b["nthreads"], b["resources"]) == (1, {})


def test_xarray_reduction_over_zarr_matches_numpy(cluster, tmp_path):
    with cluster.client() as client:
        used = zarr_reduction_matches_numpy(client, tmp_path / "data.zarr")
        workers = set(client.scheduler_info(n_workers=-1)["workers"])
    assert used and used <= workers, f"tasks ran on {used}, not only on the cluster's workers {workers}"


def test_every_process_is_ready_and_the_dashboard_is_served(cluster):
    assert http_json(cluster.http_base + "tessera/ready") == {"ready": True, "reason": "running"}
    for name, base in cluster.worker_http.items():
        assert http_json(base + "tessera/ready")["ready"], name
        assert http(base + "health") == (200, "ok"), name
    status, page = http(cluster.http_base + "status")
    assert status == 200 and "Dask" in page  # the Bokeh dashboard (TESSERA_DASHBOARD defaults to true)


def test_runner_runs_a_script_against_the_cluster(cluster, module_procs, tmp_path):
    script = tmp_path / "job.py"
    script.write_text(
        "import sys\n"
        "from distributed import Client\n"
        "client = Client()  # DASK_SCHEDULER_ADDRESS, set by the runner\n"
        "print('total', client.submit(sum, range(10)).result())\n"
        "print('workers', sorted(w['name'] for w in client.scheduler_info(n_workers=-1)['workers'].values()))\n"
        "print('python', sys.executable)\n"
        "import os; print('attempt', os.environ['TESSERA_RUN_ATTEMPT'])\n"
    )
    runner = module_procs.entrypoint("runner-script", ["runner"], module_procs.env(
        DASK_SCHEDULER_ADDRESS=f"127.0.0.1:{cluster.port}", TESSERA_RUNNER_SCRIPT=script,
        TESSERA_RUN_PREVIOUS_FAILURES="2"))
    assert runner.wait() == 0, runner.tail()
    output = runner.stdout()
    assert "total 45" in output
    assert "workers ['demo-worker-a', 'demo-worker-b']" in output
    assert f"python {sys.executable}" in output  # no spec: the image's own environment
    assert "attempt 3" in output  # two earlier failures: this is the third attempt


@pytest.mark.parametrize("command, exit_code", [
    (["--", "python", "-c", "import sys; sys.exit(7)"], 7),  # the program's own code comes back
    (["no-such-program-anywhere"], 127),
])
def test_runner_exits_with_the_commands_exit_code(cluster, module_procs, command, exit_code):
    runner = module_procs.entrypoint(f"runner-exit-{exit_code}", ["runner", *command], module_procs.env(
        DASK_SCHEDULER_ADDRESS=cluster.address))
    assert runner.wait() == exit_code, runner.tail()
