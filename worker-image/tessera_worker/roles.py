"""What each role runs: the argv and environment the entrypoint execs into.

The scheduler and worker are Dask's own CLIs (`python -m distributed.cli.dask_...`) run by the
environment's interpreter, so signals, the nanny and shutdown behave exactly as upstream documents.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from . import tls
from .config import Config
from .envsync import Environment
from .errors import ConfigError

# The scheduler's HTTP routes. The API module is what the operator calls (adaptive_target,
# retire_workers, get_workers, check_idle). Dask's default `distributed.http.proxy` is left out on
# purpose: with jupyter-server-proxy installed it would let anyone who reaches port 8787 tunnel to
# any host:port inside the cluster network.
SCHEDULER_ROUTES = (
    "distributed.http.scheduler.api",
    "distributed.http.health",
    "distributed.http.scheduler.prometheus",
    "distributed.http.scheduler.info",
    "distributed.http.scheduler.json",
    "distributed.http.statics",  # stylesheets and scripts of the info pages
    "tessera_worker.probes",
)
WORKER_ROUTES = (
    "distributed.http.worker.prometheus",
    "distributed.http.health",
    "distributed.http.statics",
    "tessera_worker.probes",
)


@dataclass(frozen=True)
class Launch:
    argv: tuple[str, ...]
    env: dict[str, str]


def launch(config: Config, environment: Environment, environ: Mapping[str, str]) -> Launch:
    env = {**environ, **tls.dask_environment(config.tls), **activation(environment, environ)}
    python = str(environment.python)
    if config.role == "scheduler":
        env["DASK_DISTRIBUTED__SCHEDULER__HTTP__ROUTES"] = repr(list(SCHEDULER_ROUTES))
        return Launch(scheduler_argv(config, python), env)
    if config.role == "worker":
        env["DASK_DISTRIBUTED__WORKER__HTTP__ROUTES"] = repr(list(WORKER_ROUTES))
        return Launch(worker_argv(config, python), env)
    # The runner's program finds the scheduler (and TLS settings) through Dask's configuration.
    env["DASK_SCHEDULER_ADDRESS"] = config.scheduler_address or ""
    env.update(run_attempt(environ))
    command = (python, str(config.runner_script)) if config.runner_script else config.runner_command
    return Launch(tuple(command), env)


# Set by the operator from the pod annotation the Job controller keeps on each retry of an
# Indexed Job (batch.kubernetes.io/job-index-failure-count); empty before the first failure.
PREVIOUS_FAILURES = "TESSERA_RUN_PREVIOUS_FAILURES"
RUN_ATTEMPT = "TESSERA_RUN_ATTEMPT"


def run_attempt(environ: Mapping[str, str]) -> dict[str, str]:
    """The runner's attempt number, 1 for the first try: Kubernetes can only hand the pod the
    number of earlier failures, so the entrypoint adds one. Nothing when the variable is absent
    (a runner started outside a Tessera ArrayJob); a value that is not a count is a bad pod spec."""
    if PREVIOUS_FAILURES not in environ:
        return {}
    raw = environ[PREVIOUS_FAILURES].strip() or "0"
    if not raw.isdigit():
        raise ConfigError(f"invalid configuration: {PREVIOUS_FAILURES} must be a count of earlier failures, "
                          f"got {raw!r}")
    return {RUN_ATTEMPT: str(int(raw) + 1)}


def activation(environment: Environment, environ: Mapping[str, str]) -> dict[str, str]:
    """What `activate` would set: the environment's bin first on PATH (so that `python` in a
    runner command is the environment's) and, for a synced environment, its prefix variable."""
    path = os.pathsep.join([str(environment.python.parent), environ.get("PATH", os.defpath)])
    if environment.prefix is None:
        return {"PATH": path}
    variables = {"PATH": path, "TESSERA_ENV_KEY": environment.key or ""}
    variables["CONDA_PREFIX" if environment.is_conda else "VIRTUAL_ENV"] = str(environment.prefix)
    return variables


def _common_server_args(config: Config) -> list[str]:
    args = ["--dashboard-address", f"{config.listen_host or ''}:{config.dashboard_port}",
            "--dashboard" if config.dashboard else "--no-dashboard"]
    if config.listen_host:
        args += ["--host", config.listen_host]
    if config.tls:
        args += ["--protocol", "tls"]
    return args


def scheduler_argv(config: Config, python: str) -> tuple[str, ...]:
    args = [python, "-m", "distributed.cli.dask_scheduler", "--port", str(config.scheduler_port),
            *_common_server_args(config)]
    if config.dashboard_prefix:
        args += ["--dashboard-prefix", config.dashboard_prefix]
    return tuple(args)


def worker_argv(config: Config, python: str) -> tuple[str, ...]:
    args = [python, "-m", "distributed.cli.dask_worker", config.scheduler_address or "",
            "--name", config.worker_name or "", *_common_server_args(config)]
    if config.worker_threads:
        args += ["--nthreads", str(config.worker_threads)]
    if config.worker_memory_limit:
        args += ["--memory-limit", str(config.worker_memory_limit)]
    if config.worker_resources:
        args += ["--resources", config.worker_resources]
    return tuple(args)
