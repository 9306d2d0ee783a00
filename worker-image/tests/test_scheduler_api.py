"""The scheduler's HTTP API that the operator depends on: adaptive_target, retire_workers,
get_workers and check_idle (idle_since), plus health, readiness and metrics."""

from __future__ import annotations

import time

import pytest

from helpers import LocalCluster, http, http_json, wait_until

PREFIX = "/clusters/team/demo/"


@pytest.fixture(scope="module")
def cluster(module_procs):
    # As the operator would run it behind the gateway: no Bokeh pages, routes under a prefix.
    cluster = LocalCluster(module_procs, prefix=PREFIX).start_scheduler(
        TESSERA_DASHBOARD="false", TESSERA_DASHBOARD_PREFIX=PREFIX)
    for name in ("api-worker-a", "api-worker-b"):
        cluster.start_worker(name, TESSERA_WORKER_THREADS=1)
    cluster.wait_for_workers("api-worker-a", "api-worker-b")
    return cluster


def test_api_health_and_metrics_are_served_under_the_prefix_without_the_dashboard(cluster):
    base = cluster.http_base
    assert http(base + "health") == (200, "ok")
    assert http_json(base + "tessera/ready")["ready"] is True
    assert http(base + "api/v1") == (200, "API V1")
    assert http_json(base + "json/identity.json")["type"] == "Scheduler"
    status, metrics = http(base + "metrics")
    assert status == 200 and "dask_scheduler_workers" in metrics
    assert http(base + "status")[0] == 404  # TESSERA_DASHBOARD=false: no Bokeh pages
    assert http(f"http://127.0.0.1:{cluster.http_port}/api/v1/get_workers")[0] == 404  # only under the prefix


def test_adaptive_target_and_idle_state_follow_the_load(cluster):
    api = cluster.http_base + "api/v1/"
    assert http_json(api + "adaptive_target") == {"workers": 0}  # nothing to do: both could go
    before = time.time()
    idle_since = wait_until(lambda: http_json(api + "check_idle")["idle_since"], "the scheduler to report idle")
    assert idle_since <= before + 1

    with cluster.client() as client:
        futures = client.map(time.sleep, [0.5] * 24, pure=False)  # 12 s of work for 2 threads
        # 24 tasks x 0.5 s default estimate / 5 s target duration = at least 3 workers wanted.
        target = wait_until(lambda: (t := http_json(api + "adaptive_target")["workers"]) >= 3 and t,
                            "the adaptive target to rise under load", timeout=10)
        assert target >= 3
        assert http_json(api + "check_idle")["idle_since"] is None  # busy
        client.gather(futures)
        del futures
        done = time.time()
    idle_since = wait_until(lambda: http_json(api + "check_idle")["idle_since"], "the scheduler to be idle again")
    assert idle_since >= done - 1


def test_retire_workers_moves_data_and_the_retired_worker_exits(procs):
    # Its own cluster (with the dashboard on, no prefix: the defaults), since retiring changes it.
    cluster = LocalCluster(procs).start_scheduler()
    for name in ("retire-a", "retire-b"):
        cluster.start_worker(name, TESSERA_WORKER_THREADS=1)
    cluster.wait_for_workers("retire-a", "retire-b")
    api = cluster.http_base + "api/v1/"
    with cluster.client() as client:
        import dask.array as da

        data = da.arange(1000, chunks=100).persist()
        client.wait_for_workers(2)
        wait_until(lambda: len(client.has_what()) == 2 and all(client.has_what().values()),
                   "both workers to hold part of the data", timeout=30)
        retired = http_json(api + "retire_workers", body={"n": 1})
        assert len(retired) == 1
        (gone,) = [info["name"] for info in retired.values()]
        assert gone in ("retire-a", "retire-b")
        stays = ({"retire-a", "retire-b"} - {gone}).pop()
        survivors = http_json(api + "get_workers")["workers"]
        assert [w["name"] for w in survivors] == [stays]
        # Retirement copied the retired worker's chunks first: all are in memory on the survivor.
        holders = client.who_has(data)
        assert len(holders) == 10 and set(holders.values()) == {(survivors[0]["address"],)}
        assert int(data.sum().compute()) == sum(range(1000))
        assert cluster.workers[gone].wait(60) == 0  # its pod would complete, not fail
