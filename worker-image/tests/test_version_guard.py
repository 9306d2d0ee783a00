"""The version guard refuses to start a role whose dask/distributed differ from the scheduler's or
from the pinned expectation, with one clear message naming both versions and what to do."""

from __future__ import annotations

import pytest

from helpers import LocalCluster, free_port, lock_versions

OTHER = "2026.1.3"  # a dask/distributed release other than the image's, on the local test index


def refusal(proc) -> str:
    """The single error line the entrypoint printed."""
    errors = [line for line in proc.text().splitlines() if " - tessera - ERROR - " in line]
    assert len(errors) == 1, proc.tail()
    return errors[0].split(" - tessera - ERROR - ", 1)[1]


@pytest.mark.parametrize("role, variable, package", [
    ("worker", "TESSERA_EXPECT_DASK_VERSION", "dask"),
    ("scheduler", "TESSERA_EXPECT_DISTRIBUTED_VERSION", "distributed"),
])
def test_a_role_whose_versions_differ_from_the_expected_ones_refuses_to_start(procs, role, variable, package):
    # No scheduler runs at this address: the expectation is checked before anything is contacted.
    env = procs.env(**{variable: "2000.1.0", "DASK_SCHEDULER_ADDRESS": f"127.0.0.1:{free_port()}",
                       "TESSERA_WORKER_NAME": "demo-worker", "TESSERA_SCHEDULER_PORT": free_port(),
                       "TESSERA_DASHBOARD_PORT": free_port()})
    proc = procs.entrypoint(role, [role], env)
    assert proc.wait(60) == 78
    message = refusal(proc)
    assert f"refusing to start the {role}" in message
    assert f"{package} {lock_versions()[package]}" in message and f"{package} 2000.1.0" in message
    assert variable in message


def test_a_worker_whose_spec_pins_another_distributed_is_refused(procs, tmp_path, package_index):
    cluster = LocalCluster(procs).start_scheduler()
    spec = tmp_path / "requirements.txt"
    spec.write_text(f"dask=={OTHER}\ndistributed=={OTHER}\n")
    worker = cluster.start_worker("old-worker", TESSERA_ENV_SPEC=spec, TESSERA_ENV_CACHE=tmp_path / "cache",
                                  TESSERA_INDEX_URL=package_index.url)
    assert worker.wait(300) == 78, worker.tail()
    message = refusal(worker)
    pins = lock_versions()
    assert f"its environment has dask {OTHER} and distributed {OTHER}" in message
    assert (f"the scheduler at {cluster.address} runs dask {pins['dask']} and distributed {pins['distributed']}"
            in message)
    assert f"TESSERA_ENV_SPEC={spec}" in message  # where to fix it
    assert cluster.worker_names() == set()


def test_an_unreachable_scheduler_is_reported_after_the_timeout(procs):
    worker = procs.entrypoint("worker", ["worker"], procs.env(
        DASK_SCHEDULER_ADDRESS=f"127.0.0.1:{free_port()}", TESSERA_WORKER_NAME="lonely-worker",
        TESSERA_VERSION_CHECK_TIMEOUT=2))
    assert worker.wait(60) == 69
    assert "did not answer within 2 s" in refusal(worker)
