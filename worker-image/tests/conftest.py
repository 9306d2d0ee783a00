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
