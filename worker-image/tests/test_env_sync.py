"""Environment sync: a spec naming a package the image lacks is built once into the cache (from a
local package index), reused afterwards, importable on the worker, and built only once by racing
workers."""

from __future__ import annotations

import re
import time

import pytest

from helpers import IMAGE_DIR, LocalCluster, wait_until

EXTRA = "tessera_probe"  # the module of a test wheel on the local index, not in requirements.lock
EXTRA_VERSION = "1.0"
TIMINGS = IMAGE_DIR / "target" / "env-sync-timings.txt"


@pytest.fixture(scope="module")
def cluster(module_procs):
    return LocalCluster(module_procs).start_scheduler()  # the scheduler keeps the image's environment


@pytest.fixture
def spec(tmp_path):
    path = tmp_path / "requirements.txt"
    path.write_text(f"# what the user asked for\ntessera-probe=={EXTRA_VERSION}\n")
    return path


def test_lock_has_no_extra_package():
    assert not re.search(r"^tessera[-_]probe==", (IMAGE_DIR / "requirements.lock").read_text(), re.M)


def synced(spec, cache, index):
    # uv gets a new cache per build, so "cold" really downloads from the index as a new pod would.
    return {"TESSERA_ENV_SPEC": spec, "TESSERA_ENV_CACHE": cache, "TESSERA_INDEX_URL": index.url}


def start_synced_worker(cluster, name, spec, cache, index):
    worker = cluster.start_worker(name, **synced(spec, cache, index))
    cluster.wait_for_workers(name, timeout=300)
    return worker, time.monotonic() - worker.started


def sync_seconds(worker) -> float:
    """The entrypoint's own measure: from reading the spec to the environment being ready."""
    return float(re.search(r"ready in ([0-9.]+) s", worker.text())[1])


def where_workers_import(cluster, module: str) -> dict[str, tuple[str, str]]:
    """(version, file) of `module` as each worker's process imports it, by worker name."""
    with cluster.client() as client:
        names = {a: w["name"] for a, w in client.scheduler_info(n_workers=-1)["workers"].items()}
        found = client.run(eval, f"(__import__('{module}').__version__, __import__('{module}').__file__)")
    return {names[address]: tuple(value) for address, value in found.items()}


def test_first_start_builds_the_environment_and_the_second_reuses_it(cluster, spec, tmp_path, package_index):
    cache = tmp_path / "cache"
    cold, cold_wall = start_synced_worker(cluster, "sync-cold", spec, cache, package_index)
    assert "building environment" in cold.text()
    imported = where_workers_import(cluster, EXTRA)["sync-cold"]
    assert imported[0] == EXTRA_VERSION and imported[1].startswith(str(cache / "envs")), imported
    # Everything else still comes from the image: the overlay keeps the base pins.
    dask_file = where_workers_import(cluster, "dask")["sync-cold"][1]
    assert not dask_file.startswith(str(cache)), dask_file
    cold.stop()
    wait_until(lambda: "sync-cold" not in cluster.worker_names(), "the first worker to leave")

    warm, warm_wall = start_synced_worker(cluster, "sync-warm", spec, cache, package_index)
    assert "reusing environment" in warm.text() and "building environment" not in warm.text()
    assert where_workers_import(cluster, EXTRA)["sync-warm"] == imported  # the very same files
    assert sync_seconds(warm) < sync_seconds(cold)

    report = (f"env sync cold: {sync_seconds(cold):.2f} s to build ({cold_wall:.1f} s to a registered worker); "
              f"warm: {sync_seconds(warm):.2f} s to reuse ({warm_wall:.1f} s to a registered worker)")
    print(report)
    TIMINGS.parent.mkdir(exist_ok=True)
    with TIMINGS.open("a") as timings:
        timings.write(f"{time.strftime('%Y-%m-%dT%H:%M:%S')} {report}\n")


def test_two_workers_starting_at_once_build_the_environment_once(cluster, spec, tmp_path, package_index):
    cache = tmp_path / "cache"
    workers = [cluster.start_worker(name, **synced(spec, cache, package_index)) for name in ("race-a", "race-b")]
    cluster.wait_for_workers("race-a", "race-b", timeout=300)
    logs = [worker.text() for worker in workers]
    builders = [log for log in logs if "building environment" in log]
    assert len(builders) == 1, "exactly one of the two workers must build"
    waiter = next(log for log in logs if log is not builders[0])
    assert "another process is building it" in waiter and "built by another process" in waiter
    imported = where_workers_import(cluster, EXTRA)
    assert imported["race-a"] == imported["race-b"]
    published = [p.name for p in (cache / "envs").iterdir()]
    assert len(published) == 2, f"one environment and its published link, found {published}"


def test_a_spec_that_cannot_be_installed_fails_clearly_and_leaves_nothing_behind(module_procs, tmp_path,
                                                                                 package_index):
    spec = tmp_path / "requirements.txt"
    spec.write_text("tessera-no-such-package-on-any-index==1.0\n")
    cache = tmp_path / "cache"
    env = module_procs.env(**synced(spec, cache, package_index))
    build = module_procs.entrypoint("build-fails", ["build-env"], env)
    assert build.wait(300) == 73, build.tail()
    assert "uv pip compile failed" in build.text() and "not found in the package registry" in build.text()
    assert [p.name for p in (cache / "envs").iterdir()] == []


def test_a_cache_that_cannot_hold_the_environment_is_a_clear_error(module_procs, spec, tmp_path):
    not_a_directory = tmp_path / "cache"
    not_a_directory.write_text("")
    build = module_procs.entrypoint("cache-unusable", ["build-env"], module_procs.env(
        TESSERA_ENV_SPEC=spec, TESSERA_ENV_CACHE=not_a_directory))
    assert build.wait() == 73, build.tail()
    assert "cannot be built there" in build.text()
