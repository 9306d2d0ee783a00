"""The version guard: dask and distributed in the activated environment must equal the
scheduler's and any pinned expectation, or the role refuses to start. Without it a mismatch shows
up much later as VersionMismatchWarning and obscure (de)serialisation failures on workers.
"""

from __future__ import annotations

import asyncio
import importlib.metadata
import json
import subprocess
from pathlib import Path

from packaging.version import InvalidVersion, Version

from . import tls as tls_setup
from .config import Config
from .errors import EnvBuildError, SchedulerUnavailable, VersionMismatch

GUARDED = ("dask", "distributed")
_ATTEMPT_TIMEOUT = 10.0
_PRINT_VERSIONS = """
import importlib.metadata as m, json, sys
def version(name):
    try:
        return m.version(name)
    except m.PackageNotFoundError:
        return None
print(json.dumps({name: version(name) for name in sys.argv[1:]}))
"""


def environment_versions(python: Path) -> dict[str, str | None]:
    """What the role's interpreter will import, asked of that interpreter itself."""
    result = subprocess.run([str(python), "-c", _PRINT_VERSIONS, *GUARDED], capture_output=True, text=True)
    if result.returncode != 0:
        raise EnvBuildError(f"the environment's interpreter {python} does not run: {result.stderr.strip()}")
    return json.loads(result.stdout)


def image_versions() -> dict[str, str | None]:
    """The image's own dask and distributed: those of the interpreter running the entrypoint."""
    return {name: importlib.metadata.version(name) for name in GUARDED}


def check(config: Config, python: Path, spec_hint: str) -> dict[str, str | None]:
    """Raises VersionMismatch (or SchedulerUnavailable) unless the versions agree; returns them.

    build-env compares the environment with the image itself: its workers and clients run the
    image's dask and distributed. The other roles compare with TESSERA_EXPECT_* and the scheduler."""
    refusal = ("refusing the environment" if config.role == "build-env"
               else f"refusing to start the {config.role}")
    ours = environment_versions(python)
    missing = [name for name in GUARDED if ours[name] is None]
    if missing:
        raise VersionMismatch(f"{refusal}: {' and '.join(missing)} not installed in its environment ({python}). "
                              f"{spec_hint}")
    expected = dict(config.expected_versions)
    if expected:
        names = ", ".join(f"TESSERA_EXPECT_{name.upper()}_VERSION" for name in expected)
        _compare(refusal, ours, expected, f"{names} asks for",
                 f"Use an image or environment spec with the expected versions, or correct {names}. {spec_hint}")
    if config.role == "build-env":
        _compare(refusal, ours, image_versions(), "the image has", spec_hint)
    if config.role in ("worker", "runner") and config.scheduler_address:
        theirs = scheduler_versions(config)
        _compare(refusal, ours, theirs, f"the scheduler at {config.scheduler_address} runs",
                 "A scheduler, its workers and its clients must run the same dask and distributed. "
                 f"{spec_hint}")
    return ours


def scheduler_versions(config: Config) -> dict[str, str | None]:
    """Asks the scheduler (its `versions` handler), retrying until the timeout: it may be starting."""
    return asyncio.run(_ask_scheduler(config))


async def _ask_scheduler(config: Config) -> dict[str, str | None]:
    from distributed.core import rpc  # heavy; only the worker and runner need it

    address = config.scheduler_address
    connection_args = tls_setup.client_connection_args(config.tls)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + config.version_check_timeout
    last_error: BaseException | None = None
    while (remaining := deadline - loop.time()) > 0:
        attempt = min(_ATTEMPT_TIMEOUT, remaining)
        try:
            async with rpc(address, timeout=attempt, connection_args=connection_args) as scheduler:
                answer = await asyncio.wait_for(scheduler.versions(), attempt)
            return {name: answer["packages"].get(name) for name in GUARDED}
        except (TimeoutError, OSError) as e:
            last_error = e
            await asyncio.sleep(min(1.0, max(0.0, deadline - loop.time())))
    raise SchedulerUnavailable(
        f"cannot check versions: the scheduler at {address} did not answer within "
        f"{config.version_check_timeout:.0f} s (last error: {last_error!r}). Check DASK_SCHEDULER_ADDRESS and the "
        "TLS files; if the scheduler is still starting, the restarted pod will try again "
        "(TESSERA_VERSION_CHECK_TIMEOUT sets the wait)")


def _compare(refusal: str, ours: dict, theirs: dict, who: str, fix: str) -> None:
    different = [name for name in GUARDED if name in theirs and not same_version(ours[name], theirs[name])]
    if different:
        have = " and ".join(f"{name} {ours[name]}" for name in different)
        want = " and ".join(f"{name} {theirs[name]}" for name in different)
        raise VersionMismatch(f"{refusal}: its environment has {have}, but {who} {want}. {fix}")


def same_version(a: str | None, b: str | None) -> bool:
    if a is None or b is None:
        return a == b
    try:
        return Version(a) == Version(b)
    except InvalidVersion:
        return a == b
