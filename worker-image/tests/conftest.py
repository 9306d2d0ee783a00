"""Fixtures: a Processes registry per test (or per module) whose processes are always stopped,
with the tails of their logs printed when the test failed."""

from __future__ import annotations

import re
import shutil

import pytest

from helpers import LOG_ROOT, Processes


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item, call):
    report = yield
    setattr(item, f"report_{report.when}", report)
    return report


def _registry(name: str) -> Processes:
    log_dir = LOG_ROOT / re.sub(r"[^A-Za-z0-9_.-]+", "_", name)
    shutil.rmtree(log_dir, ignore_errors=True)
    log_dir.mkdir(parents=True)
    return Processes(log_dir)


@pytest.fixture
def procs(request):
    registry = _registry(request.node.nodeid)
    yield registry
    registry.stop_all()
    report = getattr(request.node, "report_call", None)
    if report is None or report.failed:
        print(f"logs in {registry.log_dir}\n{registry.tails()}")


@pytest.fixture(scope="module")
def module_procs(request):
    registry = _registry(request.node.nodeid)
    failed_before = request.session.testsfailed
    yield registry
    registry.stop_all()
    print(f"logs in {registry.log_dir}")
    if request.session.testsfailed > failed_before:
        print(registry.tails())


@pytest.fixture(scope="session")
def package_index(tmp_path_factory):
    """A local PEP 503 index holding test wheels, so that no test reaches PyPI: a package the image
    lacks (tessera-probe, which needs the image's toolz), a stand-in for the image's own toolz at the
    image's version, and dask/distributed releases other than the image's (metadata only)."""
    from helpers import lock_versions
    from pyindex import SimpleIndex

    with SimpleIndex(tmp_path_factory.mktemp("index")) as index:
        index.add("tessera-probe", "1.0", requires=["toolz"])
        index.add("toolz", lock_versions()["toolz"])
        for version in ("2025.1.0", "2026.1.3"):
            index.add("dask", version)
            index.add("distributed", version, requires=[f"dask=={version}"])
        yield index
