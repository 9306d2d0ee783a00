"""Running the entrypoint as real local processes on 127.0.0.1, and waiting on them.

Every process gets its own process group (the worker's nanny forks the worker), its stderr in
<name>.log and its stdout in <name>.out under the test's log directory, and is killed with its
whole group when the test ends, pass or fail.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

IMAGE_DIR = Path(__file__).resolve().parents[1]
LOG_ROOT = IMAGE_DIR / "target" / "test-logs"
STARTUP_TIMEOUT = 90.0  # two cores shared by a scheduler, workers, nannies and pip


def lock_versions() -> dict[str, str]:
    """Pinned versions from the image's lock file, by canonical name."""
    pins = {}
    for line in (IMAGE_DIR / "requirements.lock").read_text().splitlines():
        if "==" in line and not line.startswith("#"):
            name, version = line.split("==")
            pins[name.lower().replace("_", "-")] = version.strip()
    return pins


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def entrypoint_env(scratch: Path, **overrides: Any) -> dict[str, str]:
    """The test's environment without any TESSERA_/DASK_ setting of the caller's, plus overrides."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TESSERA_", "DASK_"))}
    env.update(PYTHONPATH=str(IMAGE_DIR), PYTHONUNBUFFERED="1", TESSERA_LISTEN_HOST="127.0.0.1",
               DASK_TEMPORARY_DIRECTORY=str(scratch))
    env.update({k: str(v) for k, v in overrides.items() if v is not None})
    return env


def wait_until(predicate: Callable[[], Any], what: str, timeout: float = STARTUP_TIMEOUT,
               watch: Iterable[Proc] = ()) -> Any:
    """Polls until predicate() is truthy and returns it; fails early if a watched process dies."""
    deadline = time.monotonic() + timeout
    while True:
        result = predicate()
        if result:
            return result
        for proc in watch:
            if proc.popen.poll() is not None:
                raise AssertionError(f"{proc.name} exited with {proc.popen.returncode} while waiting for {what}:\n"
                                     f"{proc.tail()}")
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(0.2)


def http(url: str, body: Any = None, timeout: float = 30.0) -> tuple[int, str]:
    """GET (or POST of a JSON body): (status, text); connection errors are status 0."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(url, data=data, headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        return e.code, e.read().decode(errors="replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return 0, ""


def http_json(url: str, body: Any = None) -> Any:
    status, text = http(url, body)
    assert status == 200, f"{url} answered {status}: {text[:500]}"
    return json.loads(text)


@dataclass
class Proc:
    name: str
    popen: subprocess.Popen
    log: Path
    out: Path
    started: float

    def text(self) -> str:
        return self.log.read_text(errors="replace") if self.log.exists() else ""

    def stdout(self) -> str:
        return self.out.read_text(errors="replace") if self.out.exists() else ""

    def tail(self, lines: int = 40) -> str:
        return "\n".join(self.text().splitlines()[-lines:])

    def wait(self, timeout: float = STARTUP_TIMEOUT) -> int:
        return self.popen.wait(timeout)

    def stop(self) -> None:
        """SIGTERM to the whole group, then SIGKILL to whatever is left of it."""
        for sig, grace in ((signal.SIGTERM, 20.0), (signal.SIGKILL, 5.0)):
            try:
                os.killpg(self.popen.pid, sig)
            except ProcessLookupError:
                return
            try:
                self.popen.wait(grace)
            except subprocess.TimeoutExpired:
                continue


@dataclass
class Processes:
    log_dir: Path
    started: list[Proc] = field(default_factory=list)

    @property
    def scratch(self) -> Path:
        return self.log_dir / "scratch"

    def env(self, **overrides: Any) -> dict[str, str]:
        return entrypoint_env(self.scratch, **overrides)

    def entrypoint(self, name: str, args: list[str], env: dict[str, str]) -> Proc:
        return self.start(name, [sys.executable, "-m", "tessera_worker", *args], env)

    def start(self, name: str, command: list[str], env: dict[str, str]) -> Proc:
        self.scratch.mkdir(parents=True, exist_ok=True)
        log, out = self.log_dir / f"{name}.log", self.log_dir / f"{name}.out"
        with open(log, "wb") as err_file, open(out, "wb") as out_file:
            popen = subprocess.Popen(command, env=env, stdout=out_file, stderr=err_file,
                                     stdin=subprocess.DEVNULL, start_new_session=True)
        proc = Proc(name, popen, log, out, time.monotonic())
        self.started.append(proc)
        return proc

    def stop_all(self) -> None:
        for proc in reversed(self.started):  # workers before their scheduler
            proc.stop()

    def tails(self) -> str:
        return "\n".join(f"----- {p.name} (exit {p.popen.poll()}) -----\n{p.tail()}" for p in self.started)


class LocalCluster:
    """A scheduler and workers started through the entrypoint, addressed like the operator does."""

    def __init__(self, procs: Processes, tls_env: dict[str, str] | None = None, prefix: str = "/"):
        self.procs = procs
        self.tls_env = tls_env or {}
        self.port, self.http_port = free_port(), free_port()
        self.protocol = "tls" if self.tls_env else "tcp"
        self.address = f"{self.protocol}://127.0.0.1:{self.port}"
        self.http_base = f"http://127.0.0.1:{self.http_port}{prefix}"
        self.scheduler: Proc | None = None
        self.workers: dict[str, Proc] = {}
        self.worker_http: dict[str, str] = {}

    def start_scheduler(self, **env: Any) -> LocalCluster:
        self.scheduler = self.procs.entrypoint("scheduler", ["scheduler"], self.procs.env(
            TESSERA_SCHEDULER_PORT=self.port, TESSERA_DASHBOARD_PORT=self.http_port, **self.tls_env, **env))
        wait_until(lambda: http(self.http_base + "tessera/ready")[0] == 200, "the scheduler to be ready",
                   watch=[self.scheduler])
        return self

    def start_worker(self, name: str, **env: Any) -> Proc:
        port = free_port()
        self.worker_http[name] = f"http://127.0.0.1:{port}/"
        worker_env = {"DASK_SCHEDULER_ADDRESS": self.address, "TESSERA_WORKER_NAME": name,
                      "TESSERA_DASHBOARD_PORT": port, **self.tls_env, **env}
        self.workers[name] = self.procs.entrypoint(name, ["worker"], self.procs.env(**worker_env))
        return self.workers[name]

    def worker_names(self) -> set[str]:
        status, text = http(self.http_base + "api/v1/get_workers")
        return {w["name"] for w in json.loads(text)["workers"]} if status == 200 else set()

    def wait_for_workers(self, *names: str, timeout: float = STARTUP_TIMEOUT) -> None:
        wait_until(lambda: set(names) <= self.worker_names(), f"workers {names} to register", timeout,
                   watch=[self.workers[n] for n in names])

    def client(self, security: Any = None):
        from distributed import Client

        return Client(self.address, security=security, timeout=30)
